import type { MessageTable } from '../../i18n';

export const rectificationMessages: MessageTable = {
  'finding.owner_required': { 'zh-CN': '整改问题须有责任人：该校网格中没有负责人，请指定：{field}', en: 'A finding needs an owner: the school has no one in the grid, name one: {field}' },
  'finding.owner_not_in_grid': { 'zh-CN': '责任人须是该校网格中的负责人：{field}', en: 'The owner must hold a grid responsibility in this school: {field}' },
  'finding.deadline_past': { 'zh-CN': '整改期限不能早于今天：{field}', en: 'The deadline cannot be in the past: {field}' },
  'finding.item_unknown': { 'zh-CN': '清单中没有该项：{field}', en: 'No such checklist item: {field}' },
  'finding.inspection_open': { 'zh-CN': '督查尚未完成，问题须在完成督查时登记：{field}', en: 'The inspection is not completed; record its findings when completing it: {field}' },
  'finding.already_closed': { 'zh-CN': '该问题已销号，不能再操作', en: 'This finding is closed' },
  'finding.no_evidence_yet': { 'zh-CN': '责任人尚未提交整改佐证，不能复查', en: 'The owner has not submitted evidence yet; nothing to re-check' },
  'evidence.empty': { 'zh-CN': '上传的文件为空：{field}', en: 'The uploaded file is empty: {field}' },
  'evidence.too_large': { 'zh-CN': '文件超过 8 MB：{field}', en: 'The file exceeds 8 MB: {field}' },
  'evidence.type_not_allowed': { 'zh-CN': '只接受 JPEG、PNG、WebP 图片或 PDF 文件：{field}', en: 'Only JPEG, PNG, WebP images or PDF files are accepted: {field}' },
  'evidence.type_mismatch': { 'zh-CN': '文件内容与声明的类型不符：{field}', en: 'The file content does not match its declared type: {field}' },
  'accountability.account_unknown': { 'zh-CN': '问责对象不存在或不在辖区内：{field}', en: 'The person held accountable is unknown or outside your area: {field}' },
  'field.ownerAccountId': { 'zh-CN': '责任人', en: 'owner' },
  'field.deadline': { 'zh-CN': '整改期限', en: 'deadline' },
  'field.requiredEvidence': { 'zh-CN': '佐证要求', en: 'required evidence' },
  'field.title': { 'zh-CN': '标题', en: 'title' },
  'field.itemKey': { 'zh-CN': '清单项', en: 'checklist item' },
  'field.outcome': { 'zh-CN': '复查结论', en: 're-check outcome' },
  'field.accountId': { 'zh-CN': '人员', en: 'person' },
  'field.measure': { 'zh-CN': '问责方式', en: 'measure' },
};
