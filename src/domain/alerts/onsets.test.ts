import { describe, expect, it } from 'vitest';
import { type IllnessReport, illnessOnsets } from './onsets';

const report = (personId: number, from: string, to = from, symptoms: string[] = [], classId: number | null = 10, schoolId = 1): IllnessReport => ({
  personId, schoolId, classId, from, to, symptoms,
});

describe('illnessOnsets', () => {
  it('counts a child absent ill for five days once, on the first day', () => {
    expect(illnessOnsets([report(1, '2026-11-23', '2026-11-27', ['cough'])], '2026-11-01', '2026-11-30')).toEqual([
      { personId: 1, schoolId: 1, classId: 10, day: '2026-11-23', symptoms: ['cough'] },
    ]);
  });

  it('dates a child caught with symptoms on Monday and absent from Tuesday on Monday, with the symptoms of both', () => {
    const onsets = illnessOnsets([report(1, '2026-11-24', '2026-11-26', ['cough']), report(1, '2026-11-23', '2026-11-23', ['fever'])], '2026-11-01', '2026-11-30');
    expect(onsets).toEqual([{ personId: 1, schoolId: 1, classId: 10, day: '2026-11-23', symptoms: ['cough', 'fever'] }]);
  });

  it('counts a child who stays at school with symptoms, reported at two checks of a day and again two days later, once', () => {
    const onsets = illnessOnsets([report(1, '2026-11-23', '2026-11-23', ['cough']), report(1, '2026-11-23', '2026-11-23', ['sore_throat']), report(1, '2026-11-25')], '2026-11-01', '2026-11-30');
    expect(onsets).toEqual([{ personId: 1, schoolId: 1, classId: 10, day: '2026-11-23', symptoms: ['cough', 'sore_throat'] }]);
  });

  it('starts a new illness more than three calendar days after the last report ended, and not before', () => {
    const reports = [report(1, '2026-11-02', '2026-11-04'), report(1, '2026-11-07'), report(1, '2026-11-11')];
    // 7 Nov is three days after the episode's last day (continues); 11 Nov is four after 7 Nov (new).
    expect(illnessOnsets(reports, '2026-11-01', '2026-11-30').map((o) => o.day)).toEqual(['2026-11-02', '2026-11-11']);
    expect(illnessOnsets(reports, '2026-11-01', '2026-11-30', 4).map((o) => o.day)).toEqual(['2026-11-02']);
  });

  it('does not count a symptomatic return from a long absence as a new illness', () => {
    const reports = [report(1, '2026-10-20', '2026-11-05', ['rash']), report(1, '2026-11-06', '2026-11-06', ['rash'])];
    expect(illnessOnsets(reports, '2026-11-01', '2026-11-30')).toEqual([]);
  });

  it('reads reports before the range only to tell continuations, and keeps onsets on its edges', () => {
    const reports = [report(1, '2026-10-30'), report(1, '2026-11-01'), report(2, '2026-11-01'), report(3, '2026-11-30'), report(4, '2026-12-01')];
    expect(illnessOnsets(reports, '2026-11-01', '2026-11-30').map((o) => o.personId)).toEqual([2, 3]);
  });

  it('keeps the class and school of the first report, staff without a class, and sorts by day, school, class and person', () => {
    const reports = [
      report(5, '2026-11-03', '2026-11-03', [], 12),
      report(5, '2026-11-04', '2026-11-05', [], 13),
      report(2, '2026-11-03', '2026-11-03', [], null, 2),
      report(1, '2026-11-02', '2026-11-02', [], 11),
      report(3, '2026-11-03', '2026-11-03', [], 11),
    ];
    expect(illnessOnsets(reports, '2026-11-01', '2026-11-30').map((o) => [o.day, o.schoolId, o.classId, o.personId])).toEqual([
      ['2026-11-02', 1, 11, 1], ['2026-11-03', 1, 11, 3], ['2026-11-03', 1, 12, 5], ['2026-11-03', 2, null, 2],
    ]);
  });

  it('returns nothing for no reports, and does not change its input', () => {
    expect(illnessOnsets([], '2026-11-01', '2026-11-30')).toEqual([]);
    const reports = [report(2, '2026-11-05', '2026-11-05', ['cough']), report(1, '2026-11-04')];
    const copy = structuredClone(reports);
    illnessOnsets(reports, '2026-11-01', '2026-11-30');
    expect(reports).toEqual(copy);
  });
});
