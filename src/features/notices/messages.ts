import type { MessageTable } from '../../i18n';

export const noticeMessages: MessageTable = {
  'notice.no_audience': { 'zh-CN': '该范围内没有符合条件的接收人，通知未发送', en: 'Nobody in this target matches the audience; the notice was not sent' },
  'notice.target_unknown': { 'zh-CN': '发送范围不存在：{field}', en: 'The target does not exist: {field}' },
  'notice.staff_target': { 'zh-CN': '教职工通知只能发送到行政区划或学校', en: 'Staff notices go to a region or a school, not a grade or class' },
  'notice.not_recipient': { 'zh-CN': '您（或您的孩子）不是该通知的接收人', en: 'You (or your child) did not receive this notice' },
  'notice.key_reused': { 'zh-CN': '该请求编号已用于另一条通知', en: 'This request key was already used for a different notice' },
  'field.target': { 'zh-CN': '发送范围', en: 'target' },
  'field.target/key': { 'zh-CN': '发送范围', en: 'target' },
  'field.audience': { 'zh-CN': '接收对象', en: 'audience' },
  'field.title': { 'zh-CN': '标题', en: 'title' },
};
