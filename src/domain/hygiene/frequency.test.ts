import { describe, expect, it } from 'vitest';
import { AREA_TYPES, HYGIENE_KINDS, overdueAreas, REQUIRED_INTERVAL_HOURS } from './frequency';

const h = (n: number) => n * 3_600_000;
const now = new Date('2026-11-30T08:00:00Z');
const ago = (hours: number) => new Date(now.getTime() - h(hours));

describe('required hygiene frequencies', () => {
  it('emergency footing is never looser than normal', () => {
    for (const t of AREA_TYPES) {
      for (const k of HYGIENE_KINDS) {
        const { normal, emergency } = REQUIRED_INTERVAL_HOURS[t][k];
        if (normal !== null) expect(emergency, `${t} ${k}`).not.toBeNull();
        if (normal !== null && emergency !== null) expect(emergency, `${t} ${k}`).toBeLessThanOrEqual(normal);
      }
    }
  });

  it.each([
    ['aired 3 h ago, normal', 3, 'normal', false],
    ['aired 5 h ago, normal', 5, 'normal', true],
    ['aired 3 h ago, emergency', 3, 'emergency', true],
    ['aired 1 h ago, emergency', 1, 'emergency', false],
  ] as const)('classroom ventilation: %s', (_n, hoursAgo, footing, overdue) => {
    const list = overdueAreas([{ areaId: 1, areaType: 'classroom', since: ago(1000), last: { ventilation: ago(hoursAgo), disinfection: ago(1), inspection: ago(1) } }], footing, now);
    expect(list.some((o) => o.kind === 'ventilation')).toBe(overdue);
  });

  it('an area never logged is overdue one interval after it was set up, and the most overdue comes first', () => {
    const list = overdueAreas(
      [
        { areaId: 1, areaType: 'canteen', since: ago(10), last: {} },
        { areaId: 2, areaType: 'toilet', since: ago(30), last: { ventilation: ago(1) } },
      ],
      'normal',
      now,
    );
    expect(list.map((o) => [o.areaId, o.kind, o.overdueHours])).toEqual([
      [2, 'disinfection', 6],
      [1, 'ventilation', 2],
      [1, 'disinfection', 2],
    ]);
  });

  it('“other” areas need ventilation and disinfection only under emergency footing', () => {
    const area = { areaId: 3, areaType: 'other' as const, since: ago(100), last: { inspection: ago(1) } };
    expect(overdueAreas([area], 'normal', now)).toEqual([]);
    expect(overdueAreas([area], 'emergency', now).map((o) => o.kind)).toEqual(['ventilation', 'disinfection']);
  });
});
