import { toDayNumber } from '../calendar/dates';

/**
 * Leave approval ("who approves is responsible"): the chain of named approvers is fixed when the
 * request is made, so a later change of the school's settings never changes who answers for it.
 */
export interface ApproverStep {
  step: number;
  accountId: number;
  /** Display name of the approver at the time of the request: the record names a person. */
  name: string;
  /** What the step is ("班主任", "校长"). */
  label: string;
  decision: 'approved' | 'rejected' | null;
  decidedAt: string | null;
  note: string | null;
}

export interface SchoolApprover {
  step: number;
  accountId: number;
  name: string;
  label: string;
  /** The step applies only to leave longer than this many days. */
  moreThanDays: number;
}

/** Calendar days of leave, both ends included. */
export function leaveDays(fromDate: string, toDate: string): number {
  return toDayNumber(toDate) - toDayNumber(fromDate) + 1;
}

/**
 * The chain for one request: the class teacher first (students only, when the class has one), then
 * the school's configured steps whose threshold the leave exceeds, in step order. One account never
 * appears twice (a class teacher who is also the configured first step approves once).
 */
export function buildChain(o: { days: number; classTeacher: { accountId: number; name: string } | null; approvers: SchoolApprover[] }): ApproverStep[] {
  const chain: ApproverStep[] = [];
  const add = (accountId: number, name: string, label: string) => {
    if (chain.some((s) => s.accountId === accountId)) return;
    chain.push({ step: chain.length + 1, accountId, name, label, decision: null, decidedAt: null, note: null });
  };
  if (o.classTeacher) add(o.classTeacher.accountId, o.classTeacher.name, '班主任');
  for (const a of [...o.approvers].sort((x, y) => x.step - y.step)) if (o.days > a.moreThanDays) add(a.accountId, a.name, a.label);
  return chain;
}

export type DecisionOutcome =
  | { kind: 'not_in_chain' }
  | { kind: 'not_your_turn'; expected: ApproverStep }
  | { kind: 'already_decided'; status: 'approved' | 'rejected' }
  | { kind: 'repeat' }
  | { kind: 'recorded'; chain: ApproverStep[]; step: number; status: 'pending' | 'approved' | 'rejected' };

/**
 * One approver's decision on a pending request. `step` is the index (0-based) of the next step to
 * decide. A repeat of a decision the same approver already made is reported as such so a retried
 * click changes nothing; an account outside the chain is refused, and so is one whose turn has not come.
 */
export function decide(chain: ApproverStep[], step: number, status: string, accountId: number, decision: 'approved' | 'rejected', at: string, note: string | null): DecisionOutcome {
  const mine = chain.find((s) => s.accountId === accountId);
  if (!mine) return { kind: 'not_in_chain' };
  if (mine.decision === decision) return { kind: 'repeat' };
  if (status !== 'pending') return { kind: 'already_decided', status: status as 'approved' | 'rejected' };
  const expected = chain[step];
  if (!expected || expected.accountId !== accountId) return { kind: 'not_your_turn', expected: expected ?? mine };
  const next = chain.map((s, i) => (i === step ? { ...s, decision, decidedAt: at, note } : s));
  if (decision === 'rejected') return { kind: 'recorded', chain: next, step: step + 1, status: 'rejected' };
  const done = step + 1 >= chain.length;
  return { kind: 'recorded', chain: next, step: step + 1, status: done ? 'approved' : 'pending' };
}
