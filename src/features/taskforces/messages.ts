import type { MessageTable } from '../../i18n';

export const taskForceMessages: MessageTable = {
  'taskforce.place_required': { 'zh-CN': '须指定行政区划或学校（二选一）：{field}', en: 'Name either a region or a school: {field}' },
  'taskforce.member_account_invalid': { 'zh-CN': '成员账号不存在或不在该专班辖区内：{field}', en: 'The member’s account is unknown or outside the task force’s area: {field}' },
  'taskforce.member_duplicate': { 'zh-CN': '该账号已是专班成员：{field}', en: 'This account is already a member: {field}' },
  'taskforce.inactive': { 'zh-CN': '专班已撤销，不能再排班', en: 'The task force is stood down; no more shifts can be added' },
  'duty.shift_end_before_start': { 'zh-CN': '班次结束时间须晚于开始时间：{field}', en: 'A shift must end after it starts: {field}' },
  'duty.shift_too_long': { 'zh-CN': '单个班次不能超过 {hours} 小时：{field}', en: 'A shift cannot last more than {hours} hours: {field}' },
  'duty.shift_not_member': { 'zh-CN': '值班人员须是专班成员：{field}', en: 'The person on duty must be a member of the task force: {field}' },
  'duty.shift_overlap': { 'zh-CN': '同一人的班次时间重叠（{other}）：{field}', en: 'Overlapping shifts for one person ({other}): {field}' },
  'field.remit': { 'zh-CN': '职责', en: 'remit' },
  'field.discipline': { 'zh-CN': '纪律要求', en: 'discipline requirements' },
  'field.duty': { 'zh-CN': '分工', en: 'duty' },
  'field.shifts': { 'zh-CN': '班次', en: 'shifts' },
};
