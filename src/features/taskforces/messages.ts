import type { MessageTable } from '../../i18n';

export const taskForceMessages: MessageTable = {
  'taskforce.place_required': { 'zh-CN': '须指定行政区划或学校（二选一）：{field}', en: 'Name either a region or a school: {field}' },
  'taskforce.member_account_invalid': { 'zh-CN': '成员账号不存在或不在该专班辖区内：{field}', en: 'The member’s account is unknown or outside the task force’s area: {field}' },
  'taskforce.member_duplicate': { 'zh-CN': '该账号已是专班成员：{field}', en: 'This account is already a member: {field}' },
  'taskforce.inactive': { 'zh-CN': '专班已撤销，不能再排班', en: 'The task force is stood down; no more shifts can be added' },
  'duty.shift_end_before_start': { 'zh-CN': '班次结束时间须晚于开始时间：{field}', en: 'A shift must end after it starts: {field}' },
  'duty.shift_too_long': { 'zh-CN': '单个班次不能超过 {hours} 小时：{field}', en: 'A shift cannot last more than {hours} hours: {field}' },
  'duty.shift_not_member': { 'zh-CN': '值班人员须是专班成员：{field}', en: 'The person on duty must be a member of the task force: {field}' },
  'duty.shift_overlap': { 'zh-CN': '与同一人在“{taskForce}”{from}–{to}（北京时间）的班次重叠：{field}', en: 'Overlaps the same person’s shift in {taskForce}, {from}–{to} (Beijing time): {field}' },
  'duty.shift_overlap_in_request': { 'zh-CN': '与本次提交的第 {other} 个班次是同一人且时间重叠：{field}', en: 'Overlaps shift {other} of this request for the same person: {field}' },
};
