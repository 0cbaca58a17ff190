import type { MessageTable } from '../../i18n';

export const checkMessages: MessageTable = {
  'check.person_unknown': { 'zh-CN': '人员不存在：{field}', en: 'No such person: {field}' },
  'check.person_not_in_roster': { 'zh-CN': '该人员不在本次检查的名单中（不属于该班级）：{field}', en: 'This person is not on this check\'s roster (not in this class): {field}' },
  'check.person_twice': { 'zh-CN': '同一人员重复填写：{field}', en: 'The same person is entered twice: {field}' },
  'check.symptom_unknown': { 'zh-CN': '症状不在症状目录中：{field}', en: 'The symptom is not in the vocabulary: {field}' },
  'check.temperature_range': { 'zh-CN': '体温须在 34–43 °C 之间：{field}', en: 'The temperature must be between 34 and 43 °C: {field}' },
  'check.symptoms_required': { 'zh-CN': '带症状到校须填写症状或体温：{field}', en: 'A present-with-symptoms entry needs a symptom or a temperature: {field}' },
  'check.date_future': { 'zh-CN': '不能填报未来日期的检查', en: 'A check cannot be reported for a future date' },
  'check.not_school_day': { 'zh-CN': '该日期不是上课日（周末、节假日或假期）', en: 'This date is not a school day (weekend, public holiday or vacation)' },
  'check.session_not_run': { 'zh-CN': '本校不开展该时段的检查：{field}', en: 'This school does not run this check session: {field}' },
  'check.idempotency_key_required': { 'zh-CN': '缺少 Idempotency-Key 请求头', en: 'The Idempotency-Key header is required' },
  'check.idempotency_key_reused': { 'zh-CN': '该 Idempotency-Key 已用于另一项检查', en: 'This Idempotency-Key was already used for another check' },
  'check.version_conflict': { 'zh-CN': '该检查已被他人修改（当前版本 {current}），请刷新后重试', en: 'Someone else changed this check (now version {current}); reload and try again' },
  'check.zero_report_with_exceptions': { 'zh-CN': '零报告不能包含异常人员', en: 'A zero report cannot list exceptions' },
  'check.staff_not_class': { 'zh-CN': '班主任不能填报教职工晨午检', en: 'Class teachers do not report the staff check' },
  'check.exception_not_absent_other': { 'zh-CN': '只有"其他原因缺勤"可以转为因病缺勤', en: 'Only an absence for another reason can be converted to illness' },
  'field.session': { 'zh-CN': '检查时段', en: 'session' },
  'field.version': { 'zh-CN': '版本', en: 'version' },
  'field.Idempotency-Key': { 'zh-CN': '幂等键', en: 'Idempotency-Key' },
};
