import { describe, expect, it } from 'vitest';
import { buildChain, decide, leaveDays } from './chain';

const approvers = [
  { step: 1, accountId: 10, name: '王校长', label: '校长', moreThanDays: 3 },
  { step: 2, accountId: 11, name: '李主任', label: '教务主任', moreThanDays: 0 },
];

describe('leave chain', () => {
  it.each([
    { days: 1, teacher: true, expected: [5, 11] },
    { days: 4, teacher: true, expected: [5, 10, 11] },
    { days: 4, teacher: false, expected: [10, 11] },
  ])('for $days days (class teacher $teacher) asks $expected', ({ days, teacher, expected }) => {
    const chain = buildChain({ days, classTeacher: teacher ? { accountId: 5, name: '张老师' } : null, approvers });
    expect(chain.map((s) => s.accountId)).toEqual(expected);
    expect(chain.map((s) => s.step)).toEqual(expected.map((_, i) => i + 1));
  });

  it('counts both ends', () => expect(leaveDays('2022-05-01', '2022-05-03')).toBe(3));

  it('records decisions in turn, refuses outsiders and early approvers, and treats a repeat as no change', () => {
    const chain = buildChain({ days: 4, classTeacher: { accountId: 5, name: '张老师' }, approvers });
    expect(decide(chain, 0, 'pending', 99, 'approved', 't', null).kind).toBe('not_in_chain');
    expect(decide(chain, 0, 'pending', 10, 'approved', 't', null).kind).toBe('not_your_turn');
    const first = decide(chain, 0, 'pending', 5, 'approved', 't1', null);
    if (first.kind !== 'recorded') throw new Error(first.kind);
    expect(first).toMatchObject({ step: 1, status: 'pending' });
    expect(decide(first.chain, 1, 'pending', 5, 'approved', 't2', null).kind).toBe('repeat');
    const second = decide(first.chain, 1, 'pending', 10, 'approved', 't2', null);
    if (second.kind !== 'recorded') throw new Error(second.kind);
    const third = decide(second.chain, 2, 'pending', 11, 'approved', 't3', null);
    expect(third).toMatchObject({ status: 'approved', step: 3 });
    const rejected = decide(chain, 0, 'pending', 5, 'rejected', 't', '时间过长');
    expect(rejected).toMatchObject({ status: 'rejected' });
  });
});
