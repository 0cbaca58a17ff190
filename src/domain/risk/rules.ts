import { addDays } from '../calendar/dates';

export type RiskColour = 'green' | 'yellow' | 'red';
const RANK: Record<RiskColour, number> = { green: 0, yellow: 1, red: 2 };

/** Everything the rules look at for one person, gathered by set-based queries. */
export interface RiskFacts {
  /** Open cases (suspected or confirmed); excluded cases are not facts. */
  cases: { caseId: number; status: 'suspected' | 'confirmed'; disease: string }[];
  /** Confirmed contacts, with the colour and duration the case's policy gives them. */
  contacts: { caseId: number; exposureTo: string; status: RiskColour; statusDays: number }[];
  /** Positive results (any kind) with the sampling date. */
  positives: { sampledOn: string }[];
  isolation: { kind: string; plannedEnd: string } | null;
  /** Stays in (or residence in) a declared risk area overlapping its active dates. */
  riskAreas: { areaId: number; name: string; level: 'lockdown' | 'controlled'; lastDay: string; residence: boolean }[];
}

export interface RiskRules {
  lockdownStatus: RiskColour;
  controlledStatus: RiskColour;
  /** Days a stay in a risk area keeps counting after the person left. */
  travelLookbackDays: number;
  /** Days a positive result keeps a person red. */
  positiveDays: number;
}

export interface RiskReason {
  code: 'case_confirmed' | 'case_suspected' | 'close_contact' | 'test_positive' | 'isolation' | 'risk_area_lockdown' | 'risk_area_controlled';
  status: RiskColour;
  ref?: number | string;
}

export const DEFAULT_RISK_RULES: RiskRules = { lockdownStatus: 'yellow', controlledStatus: 'yellow', travelLookbackDays: 7, positiveDays: 14 };

/** Green, yellow or red with every reason that applies (worst first); pure, so the same on one person and a county. */
export function computeRisk(f: RiskFacts, rules: RiskRules, today: string): { status: RiskColour; reasons: RiskReason[] } {
  const reasons: RiskReason[] = [];
  for (const c of f.cases) reasons.push({ code: c.status === 'confirmed' ? 'case_confirmed' : 'case_suspected', status: c.status === 'confirmed' ? 'red' : 'yellow', ref: c.caseId });
  for (const p of f.positives) if (addDays(p.sampledOn, rules.positiveDays) >= today && p.sampledOn <= today) reasons.push({ code: 'test_positive', status: 'red', ref: p.sampledOn });
  for (const k of f.contacts) if (addDays(k.exposureTo, k.statusDays) >= today) reasons.push({ code: 'close_contact', status: k.status, ref: k.caseId });
  if (f.isolation && f.isolation.plannedEnd >= today) reasons.push({ code: 'isolation', status: 'yellow', ref: f.isolation.kind });
  for (const a of f.riskAreas) {
    if (!a.residence && addDays(a.lastDay, rules.travelLookbackDays) < today) continue;
    const lockdown = a.level === 'lockdown';
    const status = lockdown ? rules.lockdownStatus : rules.controlledStatus;
    if (status !== 'green') reasons.push({ code: lockdown ? 'risk_area_lockdown' : 'risk_area_controlled', status, ref: a.name });
  }
  reasons.sort((a, b) => RANK[b.status] - RANK[a.status]);
  return { status: reasons[0]?.status ?? 'green', reasons };
}

export function worse(a: RiskColour, b: RiskColour): RiskColour {
  return RANK[a] >= RANK[b] ? a : b;
}
