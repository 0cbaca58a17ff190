import { describe, expect, it } from 'vitest';
import { schoolDiseases } from '../../reference';
import { type CertificateFacts, decideReturn, defaultPolicy, earliestReturn, effectivePolicy, GENERAL_POLICY } from './policies';

const policy = (code: string) => defaultPolicy(schoolDiseases().diseases.find((d) => d.code === code)!);
const cert = (o: Partial<CertificateFacts>): CertificateFacts => ({ issuedOn: '2026-11-20', returnOn: '2026-11-21', feverFreeHours: null, symptomsResolved: true, lesionsCrusted: false, testNegative: false, ...o });
const onset = (d: string) => ({ openedOn: d, onsetDate: d, feverFreeSince: null });

describe('default return policies from the reference data', () => {
  it.each([
    ['hfmd', 14], ['varicella', 14], ['mumps', 9], ['ahc', 7], ['hepatitis_a', 21], ['measles', 5], ['influenza', null],
  ])('%s: %s days from onset', (code, days) => {
    expect(policy(code as string).minDaysFromOnset).toBe(days);
  });
  it('every disease in the reference has a policy', () => {
    for (const d of schoolDiseases().diseases) expect(defaultPolicy(d).diseaseCode).toBe(d.code);
  });
});

describe('return decisions per disease', () => {
  const cases: Array<[string, string, ReturnType<typeof onset>, Partial<CertificateFacts>, boolean, string[], string]> = [
    ['hfmd after 14 days', 'hfmd', onset('2026-11-01'), { issuedOn: '2026-11-14', returnOn: '2026-11-15' }, true, [], '2026-11-15'],
    ['hfmd on day 10', 'hfmd', onset('2026-11-01'), { issuedOn: '2026-11-10', returnOn: '2026-11-11' }, false, ['too_early_from_onset'], '2026-11-15'],
    ['varicella not crusted', 'varicella', onset('2026-11-01'), { issuedOn: '2026-11-15', returnOn: '2026-11-16' }, false, ['lesions_not_crusted'], '2026-11-15'],
    ['varicella crusted', 'varicella', onset('2026-11-01'), { issuedOn: '2026-11-15', returnOn: '2026-11-16', lesionsCrusted: true }, true, [], '2026-11-15'],
    ['mumps day 9', 'mumps', onset('2026-11-01'), { issuedOn: '2026-11-09', returnOn: '2026-11-10' }, true, [], '2026-11-10'],
    ['influenza 48 h', 'influenza', onset('2026-11-18'), { feverFreeHours: 48 }, true, [], '2026-11-19'],
    ['influenza 24 h', 'influenza', onset('2026-11-18'), { feverFreeHours: 24 }, false, ['fever_free_too_short'], '2026-11-21'],
    ['influenza hours unknown', 'influenza', onset('2026-11-18'), {}, false, ['fever_free_too_short'], '2026-11-19'],
    ['dysentery without a test', 'bacillary_dysentery', onset('2026-11-15'), {}, false, ['test_not_negative'], '2026-11-16'],
    ['symptoms remain', 'ahc', onset('2026-11-01'), { issuedOn: '2026-11-08', returnOn: '2026-11-09', symptomsResolved: false }, false, ['symptoms_not_resolved'], '2026-11-08'],
    ['certificate older than the illness', 'mumps', onset('2026-11-10'), { issuedOn: '2026-11-05', returnOn: '2026-11-21' }, false, ['issued_before_onset'], '2026-11-19'],
  ];
  it.each(cases)('%s', (_n, code, episode, c, accepted, reasons, earliest) => {
    const d = decideReturn(policy(code), episode, cert(c));
    expect(d.accepted).toBe(accepted);
    expect(d.reasons).toEqual(reasons);
    expect(d.earliestReturn).toBe(earliest);
  });

  it('without a known onset counts from the first absent day', () => {
    expect(earliestReturn(policy('hfmd'), { openedOn: '2026-11-03', onsetDate: null, feverFreeSince: null })).toBe('2026-11-17');
  });
  it('counts fever-free hours from when the fever ended', () => {
    expect(earliestReturn(policy('influenza'), { openedOn: '2026-11-18', onsetDate: '2026-11-18', feverFreeSince: new Date('2026-11-19T12:00:00Z') })).toBe('2026-11-22');
  });
  it('a region override wins over the default', () => {
    const p = effectivePolicy(policy('mumps'), [{ minDaysFromOnset: 12 }]);
    expect(p.minDaysFromOnset).toBe(12);
    expect(GENERAL_POLICY.feverFreeHours).toBe(24);
  });
});
