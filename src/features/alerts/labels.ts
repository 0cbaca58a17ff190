import { schoolDiseases } from '../../reference';
import type { AlertDeadline } from './tables';

/** Human names of rules, syndromes and deadlines, for notifications, robots and lists. */
const SYNDROME: Record<string, { zh: string; en: string }> = {
  respiratory: { zh: '呼吸道症状', en: 'respiratory' },
  gastrointestinal: { zh: '胃肠道症状', en: 'gastrointestinal' },
  rash: { zh: '皮疹', en: 'rash' },
  fever: { zh: '发热', en: 'fever' },
  jaundice: { zh: '黄疸', en: 'jaundice' },
  conjunctivitis: { zh: '结膜炎', en: 'conjunctivitis' },
  parotitis: { zh: '腮腺肿大', en: 'parotid swelling' },
  other: { zh: '其他症状', en: 'other symptoms' },
  // The scan's total stream: illness absences and children first seen with symptoms at a check.
  absence: { zh: '新发病例', en: 'new illnesses' },
};

const DEADLINE: Record<AlertDeadline, { zh: string; en: string }> = {
  immediate: { zh: '立即报告', en: 'report immediately' },
  '2h': { zh: '2小时内报告', en: 'report within 2 h' },
  '24h': { zh: '24小时内报告', en: 'report within 24 h' },
};

function diseaseName(code: string | null | undefined): { zh: string; en: string } | null {
  if (!code) return null;
  const d = schoolDiseases().diseases.find((x) => x.code === code);
  return d ? { zh: d.nameZh, en: d.nameEn } : { zh: code, en: code };
}

export function syndromeLabel(code: string | null | undefined) {
  return code ? (SYNDROME[code] ?? { zh: code, en: code }) : null;
}

export function deadlineLabel(d: AlertDeadline) {
  return DEADLINE[d];
}

export function ruleLabel(rule: string, disease: string | null, syndrome: string | null): { zh: string; en: string } {
  const s = syndromeLabel(syndrome);
  if (rule === 'cluster-2006') return { zh: `聚集性${s?.zh ?? '相似症状'}病例`, en: `cluster of ${s?.en ?? 'similar'} cases` };
  if (rule === 'notifiable-case') {
    const d = diseaseName(disease);
    return { zh: `法定传染病（疑似）病例${d ? `：${d.zh}` : ''}`, en: `(suspected) notifiable disease${d ? `: ${d.en}` : ''}` };
  }
  if (rule === 'severe-case') return { zh: '不明原因重症病例', en: 'unexplained severe illness' };
  if (rule.startsWith('disease:')) {
    const d = diseaseName(disease ?? rule.split(':')[1]);
    return { zh: `${d?.zh ?? ''}聚集疫情`, en: `${d?.en ?? ''} cluster` };
  }
  if (rule === 'manual') {
    const d = diseaseName(disease);
    return { zh: `人工上报${d ? `：${d.zh}` : ''}`, en: `raised by hand${d ? `: ${d.en}` : ''}` };
  }
  if (rule.startsWith('scan:')) return { zh: `${s?.zh ?? ''}异常升高（统计预警）`, en: `unusual rise in ${s?.en ?? 'counts'} (statistical signal)` };
  return { zh: rule, en: rule };
}
