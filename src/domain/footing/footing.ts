/** Normal or emergency footing (平急转换) and what emergency tightens. */
export type FootingMode = 'normal' | 'emergency';

export interface EmergencyAdjustments {
  /** Check sessions per day (morning, noon, evening) under emergency footing. */
  checkSessions: ('morning' | 'noon' | 'evening')[];
  /** Tests per week for every staff member and student. */
  testsPerWeek: number;
  /** Extra gate rules (e.g. 'no_visitors', 'travel_record_required'). */
  gateRules: string[];
  /** Hours within which daily reports must be in. */
  reportingDeadlineHours: number;
}

export const DEFAULT_EMERGENCY: EmergencyAdjustments = {
  checkSessions: ['morning', 'noon', 'evening'],
  testsPerWeek: 2,
  gateRules: ['no_visitors', 'travel_record_required'],
  reportingDeadlineHours: 2,
};

export interface FootingState {
  scopeType: 'region' | 'school';
  scopeKey: string;
  mode: FootingMode;
}

/**
 * A school is on emergency footing when it or any region above it is: the strictest level wins,
 * so a county's switch reaches every school in it without touching each school's record.
 */
export function effectiveMode(states: FootingState[]): { mode: FootingMode; from: FootingState | null } {
  const emergency = states.find((s) => s.mode === 'emergency');
  return emergency ? { mode: 'emergency', from: emergency } : { mode: 'normal', from: null };
}

export type TriggerAction = 'switch' | 'propose' | 'none';

/** What a trigger does: a region set to auto-switch switches, otherwise the switch is proposed to the bureau. */
export function triggerAction(current: FootingMode, autoSwitch: boolean, pendingProposal: boolean): TriggerAction {
  if (current === 'emergency') return 'none';
  if (autoSwitch) return 'switch';
  return pendingProposal ? 'none' : 'propose';
}
