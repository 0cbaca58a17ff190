import { useI18n } from '../../shared/i18n';

const zh = {
  title: '核酸检测',
  date: '日期：{date}',
  due: '今日应检',
  overdue: '逾期未检',
  all: '全部',
  statuses: { due: '应检', overdue: '逾期' } as Record<string, string>,
  name: '姓名',
  className: '班级',
  status: '状态',
  since: '应检日期',
  missing: '缺检',
  byClass: '各班',
  record: '录入结果',
  testKind: '检测方式',
  kinds: { pcr: '核酸', antigen: '抗原' } as Record<string, string>,
  sampledOn: '采样日期',
  result: '结果',
  results: { negative: '阴性', positive: '阳性' } as Record<string, string>,
  lab: '检测机构',
  save: '保存',
  saved: '已保存',
  repeated: '该结果此前已录入',
  positiveCase: '阳性结果已登记为病例',
  openCase: '查看病例',
  staff: '教职工',
};
type Dict = typeof zh;
const en: Dict = {
  title: 'Testing',
  date: 'Date: {date}',
  due: 'Due today',
  overdue: 'Overdue',
  all: 'All',
  statuses: { due: 'Due', overdue: 'Overdue' },
  name: 'Name',
  className: 'Class',
  status: 'Status',
  since: 'Due since',
  missing: 'Missing',
  byClass: 'By class',
  record: 'Enter result',
  testKind: 'Test',
  kinds: { pcr: 'PCR', antigen: 'Antigen' },
  sampledOn: 'Sampled on',
  result: 'Result',
  results: { negative: 'Negative', positive: 'Positive' },
  lab: 'Laboratory',
  save: 'Save',
  saved: 'Saved',
  repeated: 'This result was already recorded',
  positiveCase: 'The positive result is recorded as a case',
  openCase: 'Open the case',
  staff: 'Staff',
};

export function useTestingText() {
  const { locale } = useI18n();
  return { s: locale === 'en' ? en : zh, fmt: (t: string, p: Record<string, string | number>) => t.replace(/\{(\w+)\}/g, (m, k: string) => (k in p ? String(p[k]) : m)) };
}
