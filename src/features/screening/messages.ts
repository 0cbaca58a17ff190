import type { MessageTable } from '../../i18n';

export const screeningMessages: MessageTable = {
  'screening.not_in_population': { 'zh-CN': '该人员不在本次摸排范围内', en: 'This person is not in the campaign\'s population' },
  'screening.closed': { 'zh-CN': '本次摸排已截止', en: 'The campaign is closed' },
  'screening.deadline_past': { 'zh-CN': '截止日期不能早于今天', en: 'The deadline cannot be in the past' },
  'screening.travel_window': { 'zh-CN': '行程时段的结束日期不能早于开始日期', en: 'The travel period cannot end before it starts' },
  'screening.school_outside': { 'zh-CN': '所选学校不在该地区', en: 'A chosen school is outside the region' },
  'screening.travel_dates': { 'zh-CN': '行程日期有误（开始晚于结束，或晚于今天）：{field}', en: 'A stay starts after it ends, or lies in the future: {field}' },
  'screening.link_invalid': { 'zh-CN': '链接无效，请向班主任索取新的链接', en: 'The link is not valid; ask the class teacher for a new one' },
  'screening.link_expired': { 'zh-CN': '链接已过期', en: 'The link has expired' },
  'screening.rate_limited': { 'zh-CN': '操作过于频繁，请稍后再试', en: 'Too many requests; try again shortly' },
};
