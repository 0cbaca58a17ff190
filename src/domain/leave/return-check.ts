import type { IsolationPlan } from '../policies/decide';

/**
 * What a return from leave (销假) needs before the person re-enters the campus: the risk areas the
 * stay touched and, following the disease policy, an isolation or tests to propose. The school
 * decides; nothing is ordered automatically.
 */
export interface RiskAreaHit {
  areaId: number;
  name: string;
  level: 'lockdown' | 'controlled';
}

export type ReturnProposal =
  | { kind: 'isolation'; role: 'risk_area' | 'returning_household'; isolationKind: IsolationPlan['kind']; startsOn: string; plannedEnd: string; testDates: string[] }
  | { kind: 'tests'; dates: string[] };

export interface ReturnCheck {
  riskAreas: RiskAreaHit[];
  /** The stay was outside the school's city (a return "from elsewhere"). */
  fromElsewhere: boolean;
  proposals: ReturnProposal[];
  clear: boolean;
}

/**
 * A stay in a risk area proposes the policy's risk-area isolation; a co-resident returning from
 * elsewhere the returning-household isolation (7 days at home, 3 tests under COVID-19 2022); any
 * other return from elsewhere a test on the day of return when the policy tests at all.
 */
export function returnCheck(o: {
  riskAreas: RiskAreaHit[];
  fromElsewhere: boolean;
  personKind: string;
  returnedOn: string;
  riskAreaPlan: IsolationPlan | null;
  householdPlan: IsolationPlan | null;
  policyTests: boolean;
}): ReturnCheck {
  const proposals: ReturnProposal[] = [];
  const iso = (role: 'risk_area' | 'returning_household', p: IsolationPlan) => proposals.push({ kind: 'isolation', role, isolationKind: p.kind, startsOn: p.startsOn, plannedEnd: p.plannedEnd, testDates: p.testDates });
  if (o.riskAreas.length && o.riskAreaPlan) iso('risk_area', o.riskAreaPlan);
  else if (o.fromElsewhere && o.personKind === 'co_resident' && o.householdPlan) iso('returning_household', o.householdPlan);
  else if ((o.fromElsewhere || o.riskAreas.length) && o.policyTests) proposals.push({ kind: 'tests', dates: [o.returnedOn] });
  return { riskAreas: o.riskAreas, fromElsewhere: o.fromElsewhere, proposals, clear: proposals.length === 0 && o.riskAreas.length === 0 };
}
