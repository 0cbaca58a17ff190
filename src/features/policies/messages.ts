import type { MessageTable } from '../../i18n';

export const policyMessages: MessageTable = {
  'policy.disease_unknown': { 'zh-CN': '未知的传染病：没有该病种的防控策略', en: 'Unknown disease: there is no policy for it' },
  'policy.region_level': { 'zh-CN': '防控策略只能由省级或市级修订', en: 'Only a province or a city may edit a policy' },
  'policy.rule_range': { 'zh-CN': '策略字段 {field} 超出允许范围（如检测日超出隔离期）', en: 'Policy field {field} is out of range (e.g. a test day after the isolation)' },
  'policy.rule_invalid': { 'zh-CN': '策略字段 {field} 无效（检测日须递增）', en: 'Policy field {field} is invalid (test days must increase)' },
  'response.region_unknown': { 'zh-CN': '行政区划不存在：{field}', en: 'Unknown region: {field}' },
  'field.disease': { 'zh-CN': '病种', en: 'disease' },
  'field.note': { 'zh-CN': '说明', en: 'note' },
};
