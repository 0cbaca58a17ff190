import type { MessageTable } from '../../i18n';

export const gridMessages: MessageTable = {
  'grid.account_unknown': { 'zh-CN': '责任人账号不存在或已停用', en: 'The responsible account does not exist or is disabled' },
  'grid.account_not_eligible': {
    'zh-CN': '该账号不能负责此网格单元：须为本校教职工（班主任仅限本班）或辖区包含该单位的教育部门账号：{field}',
    en: 'This account cannot be responsible for this unit: it must be staff of the school (a class teacher only for their own class) or a bureau officer whose region contains it: {field}',
  },
  'grid.unit_unknown': { 'zh-CN': '网格单元不存在', en: 'The grid unit does not exist' },
  'field.unitKey': { 'zh-CN': '网格单元', en: 'grid unit' },
  'field.unitType': { 'zh-CN': '网格层级', en: 'grid level' },
  'field.accountId': { 'zh-CN': '责任人', en: 'responsible person' },
};
