import type { MessageTable } from '../../i18n';

export const peopleMessages: MessageTable = {
  'person.id_number_format': { 'zh-CN': '身份证号格式不正确（应为 18 位，最后一位可为 X）', en: 'The ID number must have 18 characters (the last may be X)' },
  'person.id_number_check_digit': { 'zh-CN': '身份证号校验位不正确', en: 'The ID number\'s check digit is wrong' },
  'person.id_number_birth_date': { 'zh-CN': '身份证号中的出生日期无效', en: 'The ID number encodes an invalid birth date' },
  'person.id_number_taken': { 'zh-CN': '该身份证号的学生已存在', en: 'A student with this ID number already exists' },
  'person.id_number_unavailable': { 'zh-CN': '该身份证号无法在此登记，请联系教育主管部门核实（如转学）', en: 'This ID number cannot be registered here; please contact the education bureau (e.g. for a transfer)' },
  'person.phone_invalid': { 'zh-CN': '电话号码格式不正确', en: 'The phone number is not valid' },
  'person.class_not_in_school': { 'zh-CN': '班级不存在或不属于该学校', en: 'The class does not exist in this school' },
  'person.dorm_not_in_school': { 'zh-CN': '宿舍不存在或不属于该学校', en: 'The dormitory room does not exist in this school' },
  'person.student_number_taken': { 'zh-CN': '学籍号已存在', en: 'This student number already exists' },
  'person.household_unknown': { 'zh-CN': '共同居住人须关联到本校的学生或教职工', en: 'A co-resident must belong to a student or staff member of the same school' },
  'field.householdOf': { 'zh-CN': '关联人员', en: 'household of' },
  'field.relation': { 'zh-CN': '关系', en: 'relation' },
  'field.staffRole': { 'zh-CN': '岗位', en: 'staff role' },
  'field.keyPosition': { 'zh-CN': '重点岗位', en: 'key position' },
  'field.dormId': { 'zh-CN': '宿舍', en: 'dormitory room' },
  'field.occupation': { 'zh-CN': '职业', en: 'occupation' },
  'field.kind': { 'zh-CN': '人员类别', en: 'person kind' },
};
