import { describe, expect, it } from 'vitest';
import { evidenceProblem, sniffEvidenceType } from './evidence-type';
import { dueEscalationLevel, isOverdue, superiorsOf, transitionProblem } from './rules';

describe('rectification rules', () => {
  it('allows close and reopen only after evidence, nothing after closing', () => {
    expect(transitionProblem('open', 'evidence')).toBeNull();
    expect(transitionProblem('open', 'close')).toBe('finding.no_evidence_yet');
    expect(transitionProblem('submitted', 'close')).toBeNull();
    expect(transitionProblem('submitted', 'reopen')).toBeNull();
    expect(transitionProblem('closed', 'evidence')).toBe('finding.already_closed');
  });

  it('escalates on the first overdue day and one level per three further days, capped by the chain', () => {
    const f = { status: 'open' as const, deadline: '2026-12-01' };
    expect(isOverdue(f, '2026-12-01')).toBe(false);
    expect(dueEscalationLevel(f, '2026-12-01', 3)).toBe(0);
    expect(dueEscalationLevel(f, '2026-12-02', 3)).toBe(1);
    expect(dueEscalationLevel(f, '2026-12-04', 3)).toBe(1);
    expect(dueEscalationLevel(f, '2026-12-05', 3)).toBe(2);
    expect(dueEscalationLevel(f, '2026-12-30', 3)).toBe(3);
    expect(dueEscalationLevel({ ...f, status: 'closed' }, '2026-12-30', 3)).toBe(0);
  });

  it('starts the chain above the owner', () => {
    const chain = [
      { unit: 'school' as const, key: '1', accountId: 10 },
      { unit: 'region' as const, key: '410105', accountId: 20 },
      { unit: 'region' as const, key: '410100', accountId: 30 },
    ];
    expect(superiorsOf(10, chain).map((l) => l.accountId)).toEqual([20, 30]);
    expect(superiorsOf(99, chain).map((l) => l.accountId)).toEqual([10, 20, 30]);
    expect(superiorsOf(20, chain).map((l) => l.accountId)).toEqual([30]);
  });

  it('checks evidence by content', () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);
    expect(sniffEvidenceType(png)).toBe('image/png');
    expect(evidenceProblem(png, 'image/png')).toBeNull();
    expect(evidenceProblem(png, 'image/jpeg')).toBe('evidence.type_mismatch');
    expect(evidenceProblem(new TextEncoder().encode('<html>'), 'image/png')).toBe('evidence.type_not_allowed');
    expect(evidenceProblem(new TextEncoder().encode('%PDF-1.4'), 'application/pdf', true)).toBe('evidence.type_not_allowed');
    expect(evidenceProblem(new Uint8Array(0), 'image/png')).toBe('evidence.empty');
  });
});
