import { describe, expect, it } from 'vitest';
import { CLEAR_STATE, decideEntry, type GateChecks, type PersonGateState, temperatureProblem } from './decide';

const ALL_DONE: GateChecks = { realNameVerified: true, maskWorn: true, venueCodeScanned: true, travelRecordShown: true, temperature: 36.5 };
const GREEN: PersonGateState = { ...CLEAR_STATE, riskStatus: 'green' };

describe('decideEntry: the five checks', () => {
  it.each([
    ['all five pass', {}, 'allow', []],
    ['real name not verified', { realNameVerified: false }, 'refuse', ['real_name_not_verified']],
    ['no mask', { maskWorn: false }, 'refuse', ['no_mask']],
    ['venue code not scanned', { venueCodeScanned: false }, 'refuse', ['venue_code_not_scanned']],
    ['travel record not shown', { travelRecordShown: false }, 'refuse', ['travel_record_not_shown']],
    ['37.2 °C is not fever', { temperature: 37.2 }, 'allow', []],
    ['37.3 °C is fever', { temperature: 37.3 }, 'refuse', ['fever']],
    ['39 °C is fever', { temperature: 39 }, 'refuse', ['fever']],
    ['34.0 °C is allowed (cold hands)', { temperature: 34 }, 'allow', []],
    ['everything missing', { realNameVerified: false, maskWorn: false, venueCodeScanned: false, travelRecordShown: false, temperature: 38 }, 'refuse', ['real_name_not_verified', 'no_mask', 'venue_code_not_scanned', 'travel_record_not_shown', 'fever']],
  ] as const)('%s', (_name, change, decision, reasons) => {
    const d = decideEntry({ ...ALL_DONE, ...change }, GREEN);
    expect(d.decision).toBe(decision);
    expect(d.reasons).toEqual(reasons);
    expect(d.notifyDoctor).toBe(reasons.includes('fever' as never));
  });
});

describe('decideEntry: the person state', () => {
  it.each([
    ['green', GREEN, 'allow', []],
    ['no record yet (unknown)', CLEAR_STATE, 'allow', []],
    ['yellow', { ...GREEN, riskStatus: 'yellow' }, 'refuse', ['risk_yellow']],
    ['red', { ...GREEN, riskStatus: 'red' }, 'refuse', ['risk_red']],
    ['in isolation', { ...GREEN, isolated: true }, 'refuse', ['isolated']],
    ['test overdue', { ...GREEN, testOverdue: true }, 'refuse', ['test_overdue']],
    ['leave not returned', { ...GREEN, leaveUnreturned: true }, 'refuse', ['leave_unreturned']],
    ['red, isolated, overdue and away', { riskStatus: 'red', isolated: true, testOverdue: true, leaveUnreturned: true }, 'refuse', ['risk_red', 'isolated', 'test_overdue', 'leave_unreturned']],
  ] as const)('%s', (_name, state, decision, reasons) => {
    const d = decideEntry(ALL_DONE, state as PersonGateState);
    expect(d).toEqual({ decision, reasons, notifyDoctor: false });
  });

  it('a yellow person with fever is refused for both and the doctor is told', () => {
    expect(decideEntry({ ...ALL_DONE, temperature: 37.8 }, { ...GREEN, riskStatus: 'yellow' })).toEqual({ decision: 'refuse', reasons: ['risk_yellow', 'fever'], notifyDoctor: true });
  });

  it('every combination of checks and state: allowed exactly when nothing fails', () => {
    for (let mask = 0; mask < 1 << 9; mask++) {
      const bit = (i: number) => (mask & (1 << i)) !== 0;
      const checks = { realNameVerified: !bit(0), maskWorn: !bit(1), venueCodeScanned: !bit(2), travelRecordShown: !bit(3), temperature: bit(4) ? 37.5 : 36.6 };
      for (const riskStatus of ['green', 'yellow', 'red', 'unknown'] as const) {
        const state = { riskStatus, isolated: bit(5), testOverdue: bit(6), leaveUnreturned: bit(7) };
        const d = decideEntry(checks, state);
        const failing = [0, 1, 2, 3, 4, 5, 6, 7].filter(bit).length + (riskStatus === 'yellow' || riskStatus === 'red' ? 1 : 0);
        expect(d.reasons.length).toBe(failing);
        expect(d.decision).toBe(failing ? 'refuse' : 'allow');
        expect(d.notifyDoctor).toBe(bit(4));
      }
    }
  });
});

describe('temperature range', () => {
  it.each([
    [33.9, 'out_of_range'],
    [34, null],
    [43, null],
    [43.1, 'out_of_range'],
    [Number.NaN, 'not_a_number'],
  ])('%s → %s', (t, problem) => {
    expect(temperatureProblem(t)).toBe(problem);
  });

  it('decideEntry refuses to decide on an impossible reading', () => {
    expect(() => decideEntry({ ...ALL_DONE, temperature: 45 }, GREEN)).toThrow(RangeError);
  });
});
