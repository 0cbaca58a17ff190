import { useI18n } from '../../shared/i18n';

const zh = {
  title: '复课标准',
  intro: '因病缺勤学生返校复课时，复课证明按以下标准查验。默认值来自《学校传染病防控》病种表；省、市教育局可按本地要求调整，调整对辖区内所有学校生效，记入审计日志。',
  disease: '病种',
  minDays: '发病后最少天数',
  feverFree: '退热满（小时）',
  symptomFree: '症状消失满（小时）',
  crusted: '疱疹结痂',
  testNegative: '检测阴性',
  text: '依据',
  overridden: '本地调整',
  national: '默认',
  edit: '调整',
  save: '保存',
  cancel: '取消',
  saved: '已保存',
  none: '—',
  yes: '需要',
  no: '不需要',
  days: '{n} 天',
  hours: '{n} 小时',
  editTitle: '调整复课标准：{name}',
  countyHint: '复课标准由省、市教育局统一调整；区县和学校查看现行标准。',
};
type Dict = typeof zh;
const en: Dict = {
  title: 'Return-to-class criteria',
  intro: 'When a child absent through illness returns, the certificate is checked against these criteria. Defaults come from the school disease list; a province or city bureau may set its own, which then applies to every school in its area and is kept in the audit log.',
  disease: 'Disease',
  minDays: 'Min. days from onset',
  feverFree: 'Fever-free (hours)',
  symptomFree: 'Symptom-free (hours)',
  crusted: 'Lesions crusted',
  testNegative: 'Negative test',
  text: 'Basis',
  overridden: 'Local',
  national: 'Default',
  edit: 'Adjust',
  save: 'Save',
  cancel: 'Cancel',
  saved: 'Saved',
  none: '—',
  yes: 'Required',
  no: 'Not required',
  days: '{n} days',
  hours: '{n} h',
  editTitle: 'Adjust the return criteria: {name}',
  countyHint: 'Province and city bureaus set the criteria; counties and schools see those in force.',
};

export function useReturnCriteriaText() {
  const { locale } = useI18n();
  return { s: locale === 'en' ? en : zh, locale, fmt: (t: string, p: Record<string, string | number>) => t.replace(/\{(\w+)\}/g, (m, k: string) => (k in p ? String(p[k]) : m)) };
}
