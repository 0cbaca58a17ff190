import { useI18n } from '../../shared/i18n';

const zh = {
  title: '排查活动',
  name: '活动',
  deadline: '截止日期',
  status: '状态',
  statuses: { open: '进行中', closed: '已结束', template: '模板' } as Record<string, string>,
  open: '查看',
  back: '返回排查活动',
  population: '应填人数',
  answered: '已填报',
  percent: '填报率',
  returned: '返回人数',
  riskArea: '涉风险地区',
  symptoms: '有症状',
  highRisk: '高风险职业',
  withProposals: '建议处置',
  fromRegions: '返回来源地',
  coverage: '填报覆盖',
  levels: { region: '按区县', school: '按学校', class: '按班级' } as Record<string, string>,
  unit: '单位',
  bySchool: '{name} 各班',
};
type Dict = typeof zh;
const en: Dict = {
  title: 'Screening campaigns',
  name: 'Campaign',
  deadline: 'Deadline',
  status: 'Status',
  statuses: { open: 'Open', closed: 'Closed', template: 'Template' },
  open: 'Open',
  back: 'Back to the campaigns',
  population: 'Population',
  answered: 'Answered',
  percent: 'Coverage',
  returned: 'Returned',
  riskArea: 'From risk areas',
  symptoms: 'With symptoms',
  highRisk: 'High-risk occupations',
  withProposals: 'With proposed measures',
  fromRegions: 'Returned from',
  coverage: 'Coverage',
  levels: { region: 'By county', school: 'By school', class: 'By class' },
  unit: 'Unit',
  bySchool: 'Classes of {name}',
};

export function useScreeningText() {
  const { locale } = useI18n();
  return { s: locale === 'en' ? en : zh, fmt: (t: string, p: Record<string, string | number>) => t.replace(/\{(\w+)\}/g, (m, k: string) => (k in p ? String(p[k]) : m)) };
}
