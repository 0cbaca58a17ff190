// Refuses a rule set that cannot be meant: unknown diseases, negative or fractional case counts,
// shares outside 0–1, windows shorter than a day. Errors name the field by its path.
import { KNOWN_DISEASES } from './defaults';
import type { RuleSet } from './types';

export interface RuleSetError {
  field: string;
  code: 'unknown_disease' | 'negative' | 'not_integer' | 'out_of_range' | 'invalid_value';
}

const DEADLINES = ['immediate', '2h', '24h'];
const DAY_MODES = ['school', 'calendar'];

export function validateRuleSet(rs: RuleSet, knownDiseases: readonly string[] = KNOWN_DISEASES): RuleSetError[] {
  const errors: RuleSetError[] = [];
  const count = (field: string, v: unknown, min = 1) => {
    if (v === undefined || v === null) return;
    if (typeof v !== 'number' || !Number.isFinite(v)) errors.push({ field, code: 'invalid_value' });
    else if (v < 0) errors.push({ field, code: 'negative' });
    else if (!Number.isInteger(v)) errors.push({ field, code: 'not_integer' });
    else if (v < min) errors.push({ field, code: 'out_of_range' });
  };
  const oneOf = (field: string, v: unknown, values: string[]) => {
    if (!values.includes(v as string)) errors.push({ field, code: 'invalid_value' });
  };

  // An override is JSON from a bureau's form or API call: a part that should be an object or a list
  // may be anything (null removes an optional threshold only), so shapes are checked before reading.
  const object = (field: string, v: unknown): v is Record<string, unknown> => {
    if (v && typeof v === 'object' && !Array.isArray(v)) return true;
    errors.push({ field, code: 'invalid_value' });
    return false;
  };
  const list = (field: string, v: unknown): v is unknown[] => {
    if (Array.isArray(v)) return true;
    errors.push({ field, code: 'invalid_value' });
    return false;
  };

  const c = rs.cluster as RuleSet['cluster'] | null | undefined;
  if (object('cluster', c)) {
    count('cluster.casesInDay', c.casesInDay);
    count('cluster.casesInWindow', c.casesInWindow);
    count('cluster.windowDays', c.windowDays);
    oneOf('cluster.dayMode', c.dayMode, DAY_MODES);
    oneOf('cluster.deadline', c.deadline, DEADLINES);
    if (list('cluster.units', c.units)) {
      for (const [i, u] of c.units.entries()) oneOf(`cluster.units.${i}`, u, ['class', 'dorm']);
    }
  }
  const single = rs.singleCase as RuleSet['singleCase'] | null | undefined;
  if (object('singleCase', single)) {
    if (object('singleCase.notifiable', single.notifiable)) {
      oneOf('singleCase.notifiable.deadline', single.notifiable.deadline, DEADLINES);
      if (list('singleCase.notifiable.diseases', single.notifiable.diseases)) {
        single.notifiable.diseases.forEach((d, i) => {
          if (!knownDiseases.includes(d)) errors.push({ field: `singleCase.notifiable.diseases.${i}`, code: 'unknown_disease' });
        });
      }
    }
    if (object('singleCase.severe', single.severe)) oneOf('singleCase.severe.deadline', single.severe.deadline, DEADLINES);
  }

  if (!object('diseases', rs.diseases)) return errors;
  for (const [code, d] of Object.entries(rs.diseases)) {
    const p = `diseases.${code}`;
    if (!knownDiseases.includes(code)) {
      errors.push({ field: p, code: 'unknown_disease' });
      continue;
    }
    if (!object(p, d)) continue;
    for (const part of ['class', 'dorm', 'school'] as const) if (d[part] != null) object(`${p}.${part}`, d[part]);
    count(`${p}.windowDays`, d.windowDays);
    count(`${p}.reportWindowDays`, d.reportWindowDays);
    oneOf(`${p}.dayMode`, d.dayMode, DAY_MODES);
    oneOf(`${p}.caseDefinition`, d.caseDefinition, ['diagnosis', 'ili']);
    oneOf(`${p}.reportDeadline`, d.reportDeadline, DEADLINES);
    oneOf(`${p}.emergencyDeadline`, d.emergencyDeadline, DEADLINES);
    count(`${p}.class.casesInWindow`, d.class?.casesInWindow);
    count(`${p}.class.casesInDay`, d.class?.casesInDay);
    const share = d.class?.currentlyIllShare;
    if (share !== undefined && share !== null) {
      if (typeof share !== 'number' || !Number.isFinite(share)) errors.push({ field: `${p}.class.currentlyIllShare`, code: 'invalid_value' });
      else if (share < 0) errors.push({ field: `${p}.class.currentlyIllShare`, code: 'negative' });
      else if (share === 0 || share > 1) errors.push({ field: `${p}.class.currentlyIllShare`, code: 'out_of_range' });
    }
    count(`${p}.dorm.casesInWindow`, d.dorm?.casesInWindow);
    count(`${p}.school.report`, d.school?.report);
    count(`${p}.school.emergency`, d.school?.emergency);
    count(`${p}.school.emergencyHospitalised`, d.school?.emergencyHospitalised);
    count(`${p}.school.emergencyDeaths`, d.school?.emergencyDeaths);
  }
  return errors;
}
