import { schoolDiseases } from '../../reference';
import type { ResponseNotification } from '../cases/notify';
import type { Texts } from './enqueue';

// The sentences a parent, teacher or officer reads for a response notification, in both languages.
// Payloads hold codes (isolation kind, disease, risk colour); the reader sees names.

const ISOLATION: Record<string, Texts> = {
  home: { zh: '居家隔离', en: 'home isolation' },
  on_campus: { zh: '校内隔离', en: 'isolation on campus' },
  site: { zh: '集中隔离', en: 'isolation at a designated site' },
};
const RISK: Record<string, Texts> = {
  green: { zh: '绿色（无风险）', en: 'green (no risk)' },
  yellow: { zh: '黄色（需关注）', en: 'yellow (watch)' },
  red: { zh: '红色（高风险）', en: 'red (high risk)' },
  unknown: { zh: '未知', en: 'unknown' },
};
const REASON: Record<string, Texts> = {
  case_confirmed: { zh: '确诊病例', en: 'confirmed case' },
  case_suspected: { zh: '疑似病例', en: 'suspected case' },
  close_contact: { zh: '密切接触者', en: 'close contact' },
  test_positive: { zh: '检测阳性', en: 'positive test' },
  isolation: { zh: '隔离中', en: 'in isolation' },
  risk_area_lockdown: { zh: '来自封控区', en: 'from a lockdown area' },
  risk_area_controlled: { zh: '来自管控区', en: 'from a controlled area' },
  manual: { zh: '人工调整', en: 'set by an officer' },
};
const CASE_STATUS: Record<string, Texts> = {
  suspected: { zh: '疑似', en: 'suspected' },
  confirmed: { zh: '确诊', en: 'confirmed' },
  clinical: { zh: '临床诊断', en: 'clinically diagnosed' },
  excluded: { zh: '已排除', en: 'excluded' },
};
const MODE: Record<string, Texts> = {
  normal: { zh: '常态', en: 'normal footing' },
  emergency: { zh: '应急状态', en: 'emergency footing' },
};

const TRIGGER: Record<string, Texts> = {
  confirmed_case: { zh: '出现确诊病例', en: 'a confirmed case' },
  emergency_alert: { zh: '出现应急级别预警', en: 'an emergency-level alert' },
  decision: { zh: '教育局决定', en: "the bureau's decision" },
};

const pick = (table: Record<string, Texts>, code: unknown): Texts => table[String(code)] ?? { zh: String(code ?? ''), en: String(code ?? '') };

function disease(code: unknown): Texts {
  const d = schoolDiseases().diseases.find((x) => x.code === code);
  return { zh: d?.nameZh ?? String(code ?? ''), en: d?.nameEn ?? String(code ?? '') };
}

function reasons(list: unknown): Texts {
  const codes = Array.isArray(list) ? list.map((r) => (r && typeof r === 'object' ? (r as { code?: unknown }).code : r)) : [];
  const names = codes.map((c) => pick(REASON, c));
  return { zh: names.map((n) => n.zh).join('、'), en: names.map((n) => n.en).join(', ') };
}

/** The body of a response notification about `who` (the person's name, or null for a region). */
export function responseBody(n: ResponseNotification, who: string | null): Texts {
  const p = n.payload;
  const name = who ?? '';
  switch (n.kind) {
    case 'isolation_ordered': {
      const kind = pick(ISOLATION, p.kind);
      return {
        zh: `${name}已安排${kind.zh}，预计至 ${p.plannedEnd ?? '—'} 结束${p.monitoringEnd ? `，健康监测至 ${p.monitoringEnd}` : ''}。请按要求每日报告健康状况。`,
        en: `${name} has been placed in ${kind.en} until ${p.plannedEnd ?? '—'}${p.monitoringEnd ? `, with health monitoring until ${p.monitoringEnd}` : ''}. Please report their health every day as asked.`,
      };
    }
    case 'isolation_released':
      return { zh: `${name}已解除隔离。`, en: `${name} has been released from isolation.` };
    case 'risk_status_changed': {
      const from = pick(RISK, p.from);
      const to = pick(RISK, p.to);
      const why = reasons(p.reasons);
      return {
        zh: `${name}的风险状态由${from.zh}变为${to.zh}${why.zh ? `（${why.zh}）` : ''}。`,
        en: `${name}'s risk status changed from ${from.en} to ${to.en}${why.en ? ` (${why.en})` : ''}.`,
      };
    }
    case 'case_recorded': {
      const d = disease(p.disease);
      const s = pick(CASE_STATUS, p.status);
      return { zh: `已登记${name}为${d.zh}${s.zh}病例，请及时开展调查与处置。`, en: `${name} was recorded as a ${s.en} case of ${d.en}; please investigate and respond.` };
    }
    case 'leave_decided': {
      const approved = p.decision === 'approved';
      return {
        zh: `${name}的请假申请（${p.from ?? ''}至${p.to ?? ''}）${approved ? '已批准' : '未获批准'}${p.note ? `：${p.note}` : '。'}`,
        en: `${name}'s leave request (${p.from ?? ''} to ${p.to ?? ''}) was ${approved ? 'approved' : 'refused'}${p.note ? `: ${p.note}` : '.'}`,
      };
    }
    case 'footing_switched': {
      // The trigger's name, not its stored reason: a trigger's reason is a note for the log.
      const m = pick(MODE, p.mode);
      const why = p.trigger ? pick(TRIGGER, p.trigger) : null;
      return { zh: `已切换为${m.zh}${why ? `（${why.zh}）` : ''}。`, en: `Switched to ${m.en}${why ? ` (${why.en})` : ''}.` };
    }
    case 'footing_proposed': {
      const why = p.trigger ? pick(TRIGGER, p.trigger) : null;
      return { zh: `建议切换为应急状态${why ? `（${why.zh}）` : ''}，请审核。`, en: `A switch to emergency footing is proposed${why ? ` (${why.en})` : ''}; please review it.` };
    }
  }
}
