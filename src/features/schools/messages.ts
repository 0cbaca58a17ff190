import type { MessageTable } from '../../i18n';

export const schoolMessages: MessageTable = {
  'school.region_unknown': { 'zh-CN': '行政区划代码不存在', en: 'Unknown region code' },
  'school.region_not_county': { 'zh-CN': '学校须归属到县（区）级行政区', en: 'A school must belong to a county-level region' },
  'school.code_taken': { 'zh-CN': '学校标识码已存在', en: 'This school code already exists' },
  'school.grade_exists': { 'zh-CN': '该年级已存在', en: 'This grade already exists' },
  'school.grade_unknown': { 'zh-CN': '年级不存在或不属于该学校', en: 'The grade does not exist in this school' },
  'school.class_exists': { 'zh-CN': '该班级已存在', en: 'This class already exists' },
  'school.dorm_exists': { 'zh-CN': '该宿舍已存在', en: 'This dormitory room already exists' },
  'field.code': { 'zh-CN': '学校标识码', en: 'school code' },
  'field.type': { 'zh-CN': '类型', en: 'type' },
  'field.gradeId': { 'zh-CN': '年级', en: 'grade' },
  'field.entryYear': { 'zh-CN': '入学年份', en: 'entry year' },
  'field.room': { 'zh-CN': '房间号', en: 'room' },
  'field.building': { 'zh-CN': '楼栋', en: 'building' },
  'field.capacity': { 'zh-CN': '容量', en: 'capacity' },
};
