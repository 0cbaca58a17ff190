/**
 * The gate's "five musts" (五必须) and the person's state, as one pure decision. Data in, decision out:
 * the service gathers the checks from the guard and the state from the response records.
 */
export type RiskStatus = 'green' | 'yellow' | 'red' | 'unknown';

/** What the response records say about a person on entry (visitors: from what they declare and show). */
export interface PersonGateState {
  riskStatus: RiskStatus;
  /** An isolation order (home, on-campus, centralised) covers today. */
  isolated: boolean;
  /** A required test is past its due date without a result. */
  testOverdue: boolean;
  /** Approved leave has started but the return (销假) is not recorded. */
  leaveUnreturned: boolean;
}

export interface GateChecks {
  realNameVerified: boolean;
  maskWorn: boolean;
  venueCodeScanned: boolean;
  travelRecordShown: boolean;
  /** °C, one decimal; validated with `temperatureProblem` first. */
  temperature: number;
}

export type RefusalReason =
  | 'real_name_not_verified'
  | 'no_mask'
  | 'venue_code_not_scanned'
  | 'travel_record_not_shown'
  | 'risk_red'
  | 'risk_yellow'
  | 'isolated'
  | 'test_overdue'
  | 'leave_unreturned'
  | 'fever';

export const REFUSAL_REASONS: readonly RefusalReason[] = [
  'real_name_not_verified', 'no_mask', 'venue_code_not_scanned', 'travel_record_not_shown',
  'risk_red', 'risk_yellow', 'isolated', 'test_overdue', 'leave_unreturned', 'fever',
];

export interface GateDecision {
  decision: 'allow' | 'refuse';
  /** Every reason that applies, in the fixed order above, so the ledger reads the same for everyone. */
  reasons: RefusalReason[];
  /** Fever at the gate: the school doctor is told at once. */
  notifyDoctor: boolean;
}

/** 37.3 °C is the fever line used at school gates (体温≥37.3℃ 不得入校). */
export const FEVER_AT = 37.3;
/** Readings outside this range are a thermometer or typing error, not a body temperature. */
export const TEMPERATURE_RANGE = { min: 34, max: 43 } as const;

export function temperatureProblem(t: number): 'not_a_number' | 'out_of_range' | null {
  if (!Number.isFinite(t)) return 'not_a_number';
  if (t < TEMPERATURE_RANGE.min || t > TEMPERATURE_RANGE.max) return 'out_of_range';
  return null;
}

export const CLEAR_STATE: PersonGateState = { riskStatus: 'unknown', isolated: false, testOverdue: false, leaveUnreturned: false };

export function decideEntry(checks: GateChecks, state: PersonGateState): GateDecision {
  const problem = temperatureProblem(checks.temperature);
  if (problem) throw new RangeError(`temperature ${checks.temperature} is ${problem}`);
  const reasons: RefusalReason[] = [];
  if (!checks.realNameVerified) reasons.push('real_name_not_verified');
  if (!checks.maskWorn) reasons.push('no_mask');
  if (!checks.venueCodeScanned) reasons.push('venue_code_not_scanned');
  if (!checks.travelRecordShown) reasons.push('travel_record_not_shown');
  if (state.riskStatus === 'red') reasons.push('risk_red');
  if (state.riskStatus === 'yellow') reasons.push('risk_yellow');
  if (state.isolated) reasons.push('isolated');
  if (state.testOverdue) reasons.push('test_overdue');
  if (state.leaveUnreturned) reasons.push('leave_unreturned');
  // Compare in tenths of a degree: 37.3 typed as a float must count as fever.
  const fever = Math.round(checks.temperature * 10) >= Math.round(FEVER_AT * 10);
  if (fever) reasons.push('fever');
  return { decision: reasons.length ? 'refuse' : 'allow', reasons, notifyDoctor: fever };
}
