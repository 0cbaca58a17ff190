import type { MessageTable } from '../../i18n';
import { secondFactorMessages } from '../second-factor/messages';

export const accountMessages: MessageTable = {
  'account.role_not_assignable': { 'zh-CN': '您不能创建该角色的账号', en: 'You cannot create accounts with this role' },
  'account.username_taken': { 'zh-CN': '用户名已被使用', en: 'This username is taken' },
  'account.region_unknown': { 'zh-CN': '行政区划代码不存在', en: 'Unknown region code' },
  'account.region_level_mismatch': { 'zh-CN': '该角色须绑定到{level}级行政区', en: 'This role must be bound to a region of level {level}' },
  'account.school_unknown': { 'zh-CN': '学校不存在', en: 'Unknown school' },
  'account.class_unknown': { 'zh-CN': '该班级不属于所选学校', en: 'The class is not in the chosen school' },
  'account.hospital_unknown': { 'zh-CN': '医院不存在', en: 'Unknown hospital' },
  'account.child_unknown': { 'zh-CN': '所选学生不存在', en: 'Unknown student' },
  'account.right_not_held': { 'zh-CN': '您不能授予自己没有的权限：{field}', en: 'You cannot grant a right you do not hold: {field}' },
  'account.holds_right_not_held': { 'zh-CN': '该账号拥有您没有的权限（{field}），请联系系统管理员重置密码', en: 'This account holds a right you do not ({field}); ask the system administrator to reset its password' },
  'auth.password_change_required': { 'zh-CN': '请先修改管理员设置的初始密码', en: 'Change the password the administrator set before you continue' },
  'field.canUnmask': { 'zh-CN': '查看完整证件号权限', en: 'may see full ID numbers' },
  'account.cannot_disable_self': { 'zh-CN': '不能停用自己的账号', en: 'You cannot disable your own account' },
  'field.currentPassword': { 'zh-CN': '当前密码', en: 'current password' },
  'field.displayName': { 'zh-CN': '显示名称', en: 'display name' },
  'field.classId': { 'zh-CN': '班级', en: 'class' },
  'field.hospitalId': { 'zh-CN': '医院', en: 'hospital' },
  'field.childPersonIds': { 'zh-CN': '子女', en: 'children' },
  // The second factor's texts live beside it; registered with the accounts' own.
  ...secondFactorMessages,
};
