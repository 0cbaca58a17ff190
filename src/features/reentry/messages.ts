import type { MessageTable } from '../../i18n';

export const reentryMessages: MessageTable = {
  'reentry.unknown': { 'zh-CN': '没有这条处置建议（可能已被更新的回答替换）', en: 'No such proposal (a newer answer may have replaced it)' },
  'reentry.already_decided': { 'zh-CN': '这条建议已处理', en: 'This proposal has already been decided' },
  'reentry.reason_required': { 'zh-CN': '不采纳建议时请填写理由', en: 'Give a reason for not following the proposal' },
};
