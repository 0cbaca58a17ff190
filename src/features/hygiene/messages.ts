import type { MessageTable } from '../../i18n';

export const hygieneMessages: MessageTable = {
  'hygiene.area_unknown': { 'zh-CN': '区域不存在', en: 'The area does not exist' },
  'hygiene.area_exists': { 'zh-CN': '本校已有同名区域', en: 'The school already has an area with this name' },
  'hygiene.result_required': { 'zh-CN': '环境卫生检查须填写结果（合格/不合格）', en: 'A hygiene inspection needs a result (pass or fail)' },
  'hygiene.in_future': { 'zh-CN': '完成时间不能晚于现在', en: 'The time done cannot be in the future' },
  'hygiene.key_reused': { 'zh-CN': '该请求编号已用于另一条记录', en: 'This request key was already used for a different record' },
  'field.areaId': { 'zh-CN': '区域', en: 'area' },
  'field.areaType': { 'zh-CN': '区域类型', en: 'area type' },
  'field.doneAt': { 'zh-CN': '完成时间', en: 'time done' },
  'field.doneBy': { 'zh-CN': '执行人', en: 'done by' },
  'field.method': { 'zh-CN': '方式', en: 'method' },
  'field.result': { 'zh-CN': '结果', en: 'result' },
};
