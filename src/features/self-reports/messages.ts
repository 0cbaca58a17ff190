import type { MessageTable } from '../../i18n';

export const selfReportMessages: MessageTable = {
  'self_report.item_unknown': { 'zh-CN': '自查清单中没有该项：{field}', en: 'No such item in the self-inspection checklist: {field}' },
  'self_report.item_duplicate': { 'zh-CN': '同一项回答了两次：{field}', en: 'An item is answered twice: {field}' },
  'self_report.unanswered': { 'zh-CN': '还有 {count} 项未作答：{field}', en: '{count} items are not answered yet: {field}' },
  'self_report.already_submitted': { 'zh-CN': '本次自查已提交，不能再次提交', en: 'This self-report has already been submitted' },
  'self_report.reviewed': { 'zh-CN': '本次自查已审阅，不能再修改', en: 'This self-report has been reviewed and can no longer change' },
  'self_report.not_submitted': { 'zh-CN': '学校尚未提交自查，不能审阅', en: 'The school has not submitted this self-report yet; nothing to review' },
  'field.riskLevel': { 'zh-CN': '风险等级', en: 'risk level' },
  'field.riskAssessment': { 'zh-CN': '风险研判', en: 'risk assessment' },
  'field.submitKey': { 'zh-CN': '提交标识', en: 'submission key' },
  'field.findings': { 'zh-CN': '问题', en: 'findings' },
};
