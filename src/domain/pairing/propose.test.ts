import { describe, expect, it } from 'vitest';
import { bruteForce, greedyShortestFirst, totalCost } from './baselines';
import { haversineMeters } from './geo';
import { type PairingRequest, buildModel, cost } from './model';
import { proposePairings } from './propose';
import { mulberry32, syntheticCity } from './synthetic';

function smallInstance(seed: number): PairingRequest {
  const rnd = mulberry32(seed);
  const S = 2 + Math.floor(rnd() * 6);
  const H = 1 + Math.floor(rnd() * 4);
  const city = syntheticCity({ schools: S, hospitals: H, seed, slack: 1 + rnd() });
  // Random capacities that still cover every school; some hospitals may take none.
  const hospitals = city.hospitals.map((h) => ({ ...h, capacity: Math.floor(rnd() * 4) }));
  while (hospitals.reduce((a, h) => a + h.capacity, 0) < S) hospitals[Math.floor(rnd() * H)].capacity++;
  const current = city.schools.filter(() => rnd() < 0.6).map((s) => ({ schoolId: s.id, hospitalId: hospitals[Math.floor(rnd() * H)].id }));
  const marginMeters = [0, 200, 1000, 5000][Math.floor(rnd() * 4)];
  const candidatesPerSchool = 1 + Math.floor(rnd() * H);
  return { schools: city.schools, hospitals, current, marginMeters, candidatesPerSchool };
}

function objective(req: PairingRequest, hospitalOf: (schoolId: string) => string): number {
  const m = buildModel(req);
  const hIndex = new Map(req.hospitals.map((h, i) => [h.id, i]));
  return req.schools.reduce((sum, s, i) => sum + cost(m, i, hIndex.get(hospitalOf(s.id))!), 0);
}

describe('proposePairings', () => {
  it('matches the brute-force optimum on 300 small random instances (with current pairings and margins)', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const req = smallInstance(seed);
      const best = bruteForce(buildModel(req));
      const proposal = proposePairings(req);
      const chosen = new Map(proposal.pairs.map((p) => [p.schoolId, p.hospitalId]));
      expect(objective(req, (id) => chosen.get(id)!), `seed ${seed}`).toBe(best.cost);
    }
  });

  it('never exceeds a hospital capacity', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const city = syntheticCity({ schools: 300, hospitals: 25, seed, slack: 1 });
      const p = proposePairings({ ...city, candidatesPerSchool: 4 });
      for (const h of p.hospitals) expect(h.load).toBeLessThanOrEqual(h.capacity);
      expect(p.pairs).toHaveLength(300);
      expect(p.hospitals.reduce((a, h) => a + h.load, 0)).toBe(300);
    }
  });

  it('gives the same optimum whatever the candidate list length', () => {
    const city = syntheticCity({ schools: 600, hospitals: 40, seed: 9, slack: 1.02 });
    const totals = [1, 3, 8, 40].map((k) => proposePairings({ ...city, candidatesPerSchool: k }).totalDistanceMeters);
    expect(new Set(totals).size).toBe(1);
    const m = buildModel(city);
    expect(totals[0]).toBeLessThanOrEqual(totalCost(m, greedyShortestFirst(m)));
  });

  it('keeps a current pairing unless moving saves more than the margin', () => {
    // One school between two hospitals 1 km apart; its current hospital is farther by `gap` metres.
    const school = { id: 's', lng: 113.6, lat: 34.75 };
    const near = { id: 'near', lng: 113.6 + 0.004, lat: 34.75, capacity: 1 };
    const far = { id: 'far', lng: 113.6 - 0.0065, lat: 34.75, capacity: 1 };
    const gap = Math.round(haversineMeters(113.6, 34.75, far.lng, far.lat)) - Math.round(haversineMeters(113.6, 34.75, near.lng, near.lat));
    const ask = (marginMeters: number) =>
      proposePairings({ schools: [school], hospitals: [near, far], current: [{ schoolId: 's', hospitalId: 'far' }], marginMeters }).pairs[0];
    expect(ask(gap - 1)).toMatchObject({ hospitalId: 'near', change: 'moved', previousHospitalId: 'far' });
    expect(ask(gap)).toMatchObject({ hospitalId: 'far', change: 'kept' });
    expect(ask(gap + 500)).toMatchObject({ hospitalId: 'far', change: 'kept' });
  });

  it('minimises distance + margin × changed pairings on a larger city', () => {
    const city = syntheticCity({ schools: 400, hospitals: 30, seed: 3, slack: 1.2 });
    const optimum = proposePairings(city);
    const stable = proposePairings({ ...city, current: optimum.pairs, marginMeters: 800 });
    expect(stable.kept).toBe(400);
    expect(stable.totalDistanceMeters).toBe(optimum.totalDistanceMeters);

    // Yesterday's pairings: the optimum with every fifth school sent to some other hospital with room.
    const load = new Map(optimum.hospitals.map((h) => [h.hospitalId, h.load]));
    const current = optimum.pairs.map((p, i) => {
      if (i % 5 !== 0) return { schoolId: p.schoolId, hospitalId: p.hospitalId };
      const other = city.hospitals.find((h) => h.id !== p.hospitalId && load.get(h.id)! < h.capacity)!;
      load.set(other.id, load.get(other.id)! + 1);
      load.set(p.hospitalId, load.get(p.hospitalId)! - 1);
      return { schoolId: p.schoolId, hospitalId: other.id };
    });
    const currentDistance = current.reduce((sum, c) => {
      const s = city.schools.find((x) => x.id === c.schoolId)!;
      const h = city.hospitals.find((x) => x.id === c.hospitalId)!;
      return sum + Math.round(haversineMeters(s.lng, s.lat, h.lng, h.lat));
    }, 0);
    for (const margin of [0, 500, 2000, 10_000, 100_000]) {
      const p = proposePairings({ ...city, current, marginMeters: margin });
      const score = p.totalDistanceMeters + margin * p.moved;
      expect(score).toBeLessThanOrEqual(currentDistance); // keeping everything is always allowed
      expect(score).toBeLessThanOrEqual(optimum.totalDistanceMeters + margin * 80); // so is the plain optimum
      if (margin === 0) expect(p.totalDistanceMeters).toBe(optimum.totalDistanceMeters);
      if (margin === 100_000) expect(p.moved).toBe(0);
    }
  });

  it('refuses infeasible and malformed input with a typed error', () => {
    const city = syntheticCity({ schools: 10, hospitals: 2, seed: 1 });
    const small = city.hospitals.map((h) => ({ ...h, capacity: 4 }));
    expect(() => proposePairings({ schools: city.schools, hospitals: small })).toThrow(
      expect.objectContaining({ code: 'pairing.capacity_insufficient', field: 'hospitals', details: { schools: 10, capacity: 8 } }),
    );
    expect(() => proposePairings({ schools: city.schools, hospitals: [] })).toThrow(expect.objectContaining({ code: 'pairing.capacity_insufficient' }));
    expect(() => proposePairings({ schools: [], hospitals: city.hospitals })).toThrow(expect.objectContaining({ code: 'pairing.no_schools' }));
    const badLat = [{ ...city.schools[0], lat: 95 }, ...city.schools.slice(1)];
    expect(() => proposePairings({ schools: badLat, hospitals: city.hospitals })).toThrow(
      expect.objectContaining({ code: 'pairing.location_invalid', field: 'schools[0]' }),
    );
    expect(() => proposePairings({ ...city, marginMeters: -1 })).toThrow(expect.objectContaining({ code: 'pairing.margin_invalid' }));
    expect(() => proposePairings({ schools: [...city.schools, city.schools[0]], hospitals: city.hospitals })).toThrow(
      expect.objectContaining({ code: 'pairing.duplicate_id' }),
    );
    const unknown = proposePairings({ ...city, current: [{ schoolId: 'school-0', hospitalId: 'gone' }] });
    expect(unknown.ignoredCurrent).toEqual([{ schoolId: 'school-0', hospitalId: 'gone' }]);
  });
});
