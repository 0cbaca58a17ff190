/**
 * Rectification (问题整改): a finding moves open → submitted (evidence uploaded) → closed after the
 * inspector's re-check (回头看), or back to open when the re-check fails. Overdue findings escalate
 * one level up the responsibility chain, again after every further interval while still overdue.
 */
export type FindingStatus = 'open' | 'submitted' | 'closed';

export type FindingAction = 'evidence' | 'close' | 'reopen';

/** Whether an action may be applied in a status; null when allowed, else the reason's i18n code. */
export function transitionProblem(status: FindingStatus, action: FindingAction): string | null {
  if (status === 'closed') return 'finding.already_closed';
  if (action === 'close' && status !== 'submitted') return 'finding.no_evidence_yet';
  if (action === 'reopen' && status !== 'submitted') return 'finding.no_evidence_yet';
  return null;
}

/** Overdue on the school date `today` when the deadline has passed and the finding is not closed. */
export function isOverdue(f: { status: FindingStatus; deadline: string }, today: string): boolean {
  return f.status !== 'closed' && f.deadline < today;
}

/** Days between two school dates (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** Every further `ESCALATE_EVERY_DAYS` days overdue the finding climbs one more level. */
export const ESCALATE_EVERY_DAYS = 3;

/**
 * The escalation level a finding should have reached on `today`: 0 while not overdue, 1 on the first
 * overdue day, +1 for every further ESCALATE_EVERY_DAYS days, never above the chain's length.
 */
export function dueEscalationLevel(f: { status: FindingStatus; deadline: string }, today: string, chainLength: number): number {
  if (!isOverdue(f, today)) return 0;
  const overdueDays = daysBetween(f.deadline, today);
  return Math.min(chainLength, 1 + Math.floor((overdueDays - 1) / ESCALATE_EVERY_DAYS));
}

/**
 * The responsibility chain above an owner: the school's responsible person, then the county's, the
 * city's and the province's (from the grid). The owner's own place and everyone below it are skipped,
 * so level 1 is the owner's direct superior.
 */
export interface ChainLink {
  unit: 'school' | 'region';
  key: string;
  accountId: number | null;
}

export function superiorsOf(ownerAccountId: number, chain: ChainLink[]): ChainLink[] {
  const own = chain.findIndex((l) => l.accountId === ownerAccountId);
  const above = own >= 0 ? chain.slice(own + 1) : chain;
  return above.filter((l) => l.accountId !== ownerAccountId);
}
