import type { MessageTable } from '../../i18n';

export const vaccinationMessages: MessageTable = {
  'vaccination.vaccine_unknown': { 'zh-CN': '免疫程序中没有该疫苗：{field}', en: 'The schedule has no such vaccine: {field}' },
  'vaccination.not_student': { 'zh-CN': '预防接种查验只针对学生', en: 'Vaccination checks are for students' },
  'vaccination.no_birth_date': { 'zh-CN': '该学生缺少出生日期，无法查验', en: 'The student has no birth date; the check needs it' },
  'vaccination.dose_too_high': { 'zh-CN': '剂次超过免疫程序规定的剂次：{field}', en: 'The dose number is beyond the schedule’s doses: {field}' },
  'vaccination.date_invalid': { 'zh-CN': '接种日期须在出生之后、不晚于今天：{field}', en: 'The date given must be after birth and not in the future: {field}' },
  'field.vaccine': { 'zh-CN': '疫苗', en: 'vaccine' },
  'field.doseNumber': { 'zh-CN': '剂次', en: 'dose number' },
  'field.givenOn': { 'zh-CN': '接种日期', en: 'date given' },
};
