// The alert life cycle as a pure rule: which step may follow which, what a step needs, and the legal
// deadline as a countdown. new → acknowledged → investigating → reported_to_cdc → closed; a false alarm
// may be closed as not an outbreak once acknowledged; an outbreak is confirmed only after the CDC report.
import type { AlertDeadline, AlertOutcome, AlertStatus } from './tables';

export type TransitionTarget = Exclude<AlertStatus, 'new'>;

const NEXT: Record<AlertStatus, TransitionTarget[]> = {
  new: ['acknowledged'],
  acknowledged: ['investigating', 'closed'],
  investigating: ['reported_to_cdc', 'closed'],
  reported_to_cdc: ['closed'],
  closed: [],
};

export const STATUS_ORDER: AlertStatus[] = ['new', 'acknowledged', 'investigating', 'reported_to_cdc', 'closed'];

export interface TransitionRequest {
  to: TransitionTarget;
  outcome?: AlertOutcome;
  note?: string;
}

export type TransitionProblem = { code: string; field?: string } | null;

/** Null when the step is allowed; otherwise the error code and the field at fault. */
export function transitionProblem(from: AlertStatus, req: TransitionRequest): TransitionProblem {
  if (!NEXT[from].includes(req.to)) return { code: from === 'closed' ? 'alert.already_closed' : 'alert.transition_not_allowed', field: 'to' };
  if (req.to === 'closed') {
    if (!req.outcome) return { code: 'validation.required', field: 'outcome' };
    if (req.outcome === 'outbreak_confirmed' && from !== 'reported_to_cdc') return { code: 'alert.confirm_needs_report', field: 'outcome' };
    if (!req.note?.trim()) return { code: 'validation.required', field: 'note' };
  } else if (req.outcome) return { code: 'alert.outcome_only_on_close', field: 'outcome' };
  return null;
}

export function allowedTransitions(from: AlertStatus): TransitionTarget[] {
  return NEXT[from];
}

const DEADLINE_MS: Record<AlertDeadline, number> = { immediate: 0, '2h': 2 * 3_600_000, '24h': 24 * 3_600_000 };

export function deadlineMs(d: AlertDeadline): number {
  return DEADLINE_MS[d];
}

/** The tighter of two deadlines (an alert that grows into an emergency gets the emergency's). */
export function tighterDeadline(a: AlertDeadline, b: AlertDeadline): AlertDeadline {
  return DEADLINE_MS[a] <= DEADLINE_MS[b] ? a : b;
}

/** Seconds left until the legal reporting deadline (negative when overdue); null once reported or closed. */
export function secondsToDeadline(status: AlertStatus, dueAt: Date, now: Date): number | null {
  if (status === 'reported_to_cdc' || status === 'closed') return null;
  return Math.round((dueAt.getTime() - now.getTime()) / 1000);
}
