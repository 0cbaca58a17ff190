import type { MessageTable } from '../../i18n';

export const onlineTeachingMessages: MessageTable = {
  'online.dates': { 'zh-CN': '结束日期不能早于开始日期', en: 'The end date cannot be before the start date' },
  'online.overlap': { 'zh-CN': '该范围在这段时间已在线上教学', en: 'This class, grade or school is already online in that period' },
  'online.ended': { 'zh-CN': '该线上教学已结束', en: 'This online teaching period has already ended' },
  'field.scopeId': { 'zh-CN': '范围', en: 'scope' },
  'field.fromDate': { 'zh-CN': '开始日期', en: 'start date' },
  'field.toDate': { 'zh-CN': '结束日期', en: 'end date' },
};
