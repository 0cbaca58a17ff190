import type { MessageTable } from '../../i18n';

export const checklistMessages: MessageTable = {
  'checklist.no_items': { 'zh-CN': '清单至少需要一项：{field}', en: 'A checklist needs at least one item: {field}' },
  'checklist.item_key_invalid': { 'zh-CN': '清单项编号须为小写字母、数字和下划线：{field}', en: 'Item keys use lower-case letters, digits and underscores: {field}' },
  'checklist.item_key_duplicate': { 'zh-CN': '清单项编号重复：{field}', en: 'Duplicate item key: {field}' },
  'checklist.item_weight_invalid': { 'zh-CN': '权重须大于 0 且不超过 100：{field}', en: 'The weight must be above 0 and at most 100: {field}' },
  'checklist.live_figure_unknown': { 'zh-CN': '未知的实时数据项：{field}', en: 'Unknown live figure: {field}' },
  'checklist.key_taken': { 'zh-CN': '清单编号已存在：{field}', en: 'This checklist key already exists: {field}' },
  'field.items': { 'zh-CN': '清单项', en: 'items' },
  'field.note': { 'zh-CN': '说明', en: 'note' },
};
