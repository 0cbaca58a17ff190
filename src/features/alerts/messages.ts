import type { MessageTable } from '../../i18n';

export const alertMessages: MessageTable = {
  'alert.transition_not_allowed': { 'zh-CN': '预警当前状态不能执行该操作（{from} → {to}）', en: 'This step is not allowed from the alert\'s current status ({from} → {to})' },
  'alert.already_closed': { 'zh-CN': '预警已结案，不能再更改', en: 'The alert is closed and cannot change' },
  'alert.confirm_needs_report': { 'zh-CN': '确认为疫情前须先报告疾控中心', en: 'An outbreak can be confirmed only after the report to the CDC' },
  'alert.outcome_only_on_close': { 'zh-CN': '仅在结案时填写结论', en: 'An outcome is given only when closing' },
  'alert.class_not_in_school': { 'zh-CN': '班级不属于该学校', en: 'The class is not in this school' },
  'alert.person_not_in_school': { 'zh-CN': '所列人员须属于该学校', en: 'Every person listed must belong to the school' },
  'alert_rules.unknown_disease': { 'zh-CN': '未知的病种：{field}', en: 'Unknown disease: {field}' },
  'alert_rules.negative': { 'zh-CN': '阈值不能为负数：{field}', en: 'A threshold cannot be negative: {field}' },
  'alert_rules.not_integer': { 'zh-CN': '病例数必须为整数：{field}', en: 'A case count must be a whole number: {field}' },
  'alert_rules.out_of_range': { 'zh-CN': '数值超出允许范围：{field}', en: 'The value is out of range: {field}' },
  'alert_rules.invalid_value': { 'zh-CN': '取值无效：{field}', en: 'Invalid value: {field}' },
  'field.to': { 'zh-CN': '目标状态', en: 'target status' },
  'field.override': { 'zh-CN': '规则覆盖', en: 'rule override' },
  'field.escalateAfterMinutes': { 'zh-CN': '未确认升级时间（分钟）', en: 'minutes before escalation' },
};
