/**
 * Seeded synthetic cities for tests and the benchmark: schools and hospitals clustered round county seats
 * (more in the urban core), capacities summing to a chosen multiple of the number of schools.
 */
import type { PairingHospital, PairingSchool } from './model';

import { mulberry32 } from '../random/prng';

export { mulberry32 };

function gaussian(rnd: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
}

export interface CityOptions {
  schools: number;
  hospitals: number;
  seed: number;
  /** Total capacity ÷ schools. Default 1.1. */
  slack?: number;
  center?: [number, number];
}

export function syntheticCity(o: CityOptions): { schools: PairingSchool[]; hospitals: PairingHospital[] } {
  const rnd = mulberry32(o.seed);
  const [lng0, lat0] = o.center ?? [113.6, 34.75];
  // A core and ten outer seats up to ~60 km away, like a city with its counties.
  const seats = [{ lng: lng0, lat: lat0, spread: 0.08, share: 0.45 }];
  for (let i = 0; i < 10; i++) {
    const angle = (2 * Math.PI * i) / 10 + rnd() * 0.4;
    const r = 0.25 + rnd() * 0.4;
    seats.push({ lng: lng0 + r * Math.cos(angle) * 1.2, lat: lat0 + r * Math.sin(angle), spread: 0.06, share: 0.055 });
  }
  const place = () => {
    let x = rnd();
    let seat = seats[0];
    for (const s of seats) {
      if (x < s.share) {
        seat = s;
        break;
      }
      x -= s.share;
    }
    return { lng: seat.lng + gaussian(rnd) * seat.spread * 1.2, lat: seat.lat + gaussian(rnd) * seat.spread };
  };
  const schools = Array.from({ length: o.schools }, (_, i) => ({ id: `school-${i}`, ...place() }));
  const raw = Array.from({ length: o.hospitals }, () => 0.3 + rnd() * 1.7);
  const sum = raw.reduce((a, b) => a + b, 0);
  const target = Math.ceil(o.schools * (o.slack ?? 1.1));
  const capacity = raw.map((r) => Math.max(1, Math.floor((r / sum) * target)));
  for (let i = 0, have = capacity.reduce((a, b) => a + b, 0); have < target; i++, have++) capacity[i % o.hospitals]++;
  const hospitals = capacity.map((c, i) => ({ id: `hospital-${i}`, ...place(), capacity: c }));
  return { schools, hospitals };
}
