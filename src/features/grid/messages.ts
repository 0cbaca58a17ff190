import type { MessageTable } from '../../i18n';

export const gridMessages: MessageTable = {
  'grid.account_unknown': { 'zh-CN': '责任人账号不存在或已停用', en: 'The responsible account does not exist or is disabled' },
  'grid.unit_unknown': { 'zh-CN': '网格单元不存在', en: 'The grid unit does not exist' },
  'field.unitKey': { 'zh-CN': '网格单元', en: 'grid unit' },
  'field.unitType': { 'zh-CN': '网格层级', en: 'grid level' },
  'field.accountId': { 'zh-CN': '责任人', en: 'responsible person' },
};
