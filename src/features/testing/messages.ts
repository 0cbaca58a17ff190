import type { MessageTable } from '../../i18n';

export const testingMessages: MessageTable = {
  'testing.schedule_target': { 'zh-CN': '请选择地区或学校之一', en: 'Give either a region or a school' },
  'testing.schedule_dates': { 'zh-CN': '结束日期不能早于开始日期', en: 'The schedule cannot end before it starts' },
  'testing.person_unknown': { 'zh-CN': '人员不存在', en: 'No such person' },
  'testing.person_kind': { 'zh-CN': '检测结果只登记学生和教职工', en: 'Results are recorded for students and staff' },
  'testing.date_future': { 'zh-CN': '采样日期不能晚于今天', en: 'The sampling date cannot be in the future' },
  'testing.result_conflict': { 'zh-CN': '该人员当天同类检测已登记为不同结果，请核实', en: 'A different result is already recorded for this person, test and day' },
  'testing.import.empty_file': { 'zh-CN': '文件为空', en: 'The file is empty' },
  'testing.import.invalid_rows': { 'zh-CN': '检测结果文件有 {count} 处错误（{rows} 行），未导入任何数据', en: 'The result file has {count} problems in {rows} rows; nothing was imported' },
  'testing.import.column_missing': { 'zh-CN': '缺少“{column}”列', en: 'The column "{column}" is missing' },
  'testing.import.person_missing': { 'zh-CN': '身份证号和学籍号都为空', en: 'Neither an ID number nor a student number is given' },
  'testing.import.person_unknown': { 'zh-CN': '本校没有该人员', en: 'No such person in this school' },
  'testing.import.name_mismatch': { 'zh-CN': '姓名与本校登记的“{registered}”不一致', en: 'The name differs from the registered "{registered}"' },
  'testing.import.kind_invalid': { 'zh-CN': '检测类型“{value}”无法识别（核酸/抗原）', en: 'Unknown test "{value}" (PCR or antigen)' },
  'testing.import.date_invalid': { 'zh-CN': '采样日期无效', en: 'The sampling date is not a date' },
  'testing.import.date_future': { 'zh-CN': '采样日期不能晚于今天', en: 'The sampling date is in the future' },
  'testing.import.result_invalid': { 'zh-CN': '检测结果“{value}”无法识别（阴性/阳性）', en: 'Unknown result "{value}" (negative or positive)' },
  'testing.import.duplicate': { 'zh-CN': '与第 {first} 行重复', en: 'Repeats row {first}' },
  'testing.import.conflict': { 'zh-CN': '已登记为不同结果', en: 'A different result is already recorded' },
};
