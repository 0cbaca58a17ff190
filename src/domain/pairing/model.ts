/** Input validation and the integer cost model shared by the solver, the brute force and the baselines. */
import { PairingError } from './errors';
import { distanceMatrix } from './geo';

export interface PairingSchool {
  id: string;
  lng: number;
  lat: number;
}

export interface PairingHospital {
  id: string;
  lng: number;
  lat: number;
  /** Most schools this hospital can serve. */
  capacity: number;
}

export interface CurrentPairing {
  schoolId: string;
  hospitalId: string;
}

export interface PairingRequest {
  schools: PairingSchool[];
  hospitals: PairingHospital[];
  current?: CurrentPairing[];
  /** Metres of total distance a change must save per school whose hospital changes. Default 0. */
  marginMeters?: number;
  /** Nearest hospitals per school offered to the solver first (optimality is still proven). Default 16. */
  candidatesPerSchool?: number;
}

export interface PairingModel {
  S: number;
  H: number;
  capacity: Int32Array;
  /** Whole metres, school-major. */
  dist: Int32Array;
  /** Index of each school's current hospital, or −1. */
  current: Int32Array;
  margin: number;
  /** Costs are scale × metres − bonus for a school's current hospital (see cost()). */
  scale: number;
  bonus: number;
  /** Current pairings that name a school or hospital not in the request. */
  ignoredCurrent: CurrentPairing[];
}

function checkLocation(o: { lng: number; lat: number }, field: string): void {
  const ok = Number.isFinite(o.lng) && Number.isFinite(o.lat) && Math.abs(o.lng) <= 180 && Math.abs(o.lat) <= 90;
  if (!ok) throw new PairingError('pairing.location_invalid', field, 'lng must be within ±180 and lat within ±90');
}

function indexIds(items: ReadonlyArray<{ id: string }>, field: string): Map<string, number> {
  const index = new Map<string, number>();
  items.forEach((item, i) => {
    if (typeof item.id !== 'string' || item.id === '') {
      throw new PairingError('pairing.duplicate_id', `${field}[${i}].id`, 'every item needs a non-empty id');
    }
    if (index.has(item.id)) throw new PairingError('pairing.duplicate_id', `${field}[${i}].id`, `${item.id} appears twice`);
    index.set(item.id, i);
  });
  return index;
}

export function buildModel(req: PairingRequest): PairingModel {
  const { schools, hospitals } = req;
  if (!Array.isArray(schools) || schools.length === 0) throw new PairingError('pairing.no_schools', 'schools', 'no schools to pair');
  if (!Array.isArray(hospitals)) throw new PairingError('pairing.capacity_insufficient', 'hospitals', 'hospitals must be a list');
  const schoolIndex = indexIds(schools, 'schools');
  const hospitalIndex = indexIds(hospitals, 'hospitals');
  schools.forEach((s, i) => {
    checkLocation(s, `schools[${i}]`);
  });
  const capacity = new Int32Array(hospitals.length);
  let total = 0;
  hospitals.forEach((h, i) => {
    checkLocation(h, `hospitals[${i}]`);
    if (!Number.isInteger(h.capacity) || h.capacity < 0 || h.capacity > 1_000_000) {
      throw new PairingError('pairing.capacity_invalid', `hospitals[${i}].capacity`, 'capacity must be a whole number ≥ 0');
    }
    capacity[i] = h.capacity;
    total += h.capacity;
  });
  if (total < schools.length) {
    throw new PairingError(
      'pairing.capacity_insufficient',
      'hospitals',
      `${schools.length} schools but the hospitals can serve only ${total}; add hospitals or raise capacities`,
      { schools: schools.length, capacity: total },
    );
  }
  const margin = req.marginMeters ?? 0;
  if (!Number.isInteger(margin) || margin < 0 || margin > 1_000_000) {
    throw new PairingError('pairing.margin_invalid', 'marginMeters', 'marginMeters must be a whole number of metres, 0 to 1,000,000');
  }

  const current = new Int32Array(schools.length).fill(-1);
  const ignoredCurrent: CurrentPairing[] = [];
  (req.current ?? []).forEach((c, i) => {
    const s = schoolIndex.get(c.schoolId);
    const h = hospitalIndex.get(c.hospitalId);
    if (s === undefined || h === undefined) {
      ignoredCurrent.push(c);
      return;
    }
    if (current[s] !== -1) throw new PairingError('pairing.duplicate_id', `current[${i}].schoolId`, `${c.schoolId} has two current pairings`);
    current[s] = h;
  });
  const hasCurrent = current.some((h) => h >= 0);
  // With current pairings, cost = (S + 1) × metres − ((S + 1) × margin + 1) for a school's current hospital.
  // Summed, that is (S + 1) × (distance + margin × changes) + changes + constant: the solver minimises
  // distance + margin × changes, and among equal ones keeps the most current pairings.
  const scale = hasCurrent ? schools.length + 1 : 1;
  const bonus = hasCurrent ? scale * margin + 1 : 0;
  return {
    S: schools.length,
    H: hospitals.length,
    capacity,
    dist: distanceMatrix(schools, hospitals),
    current,
    margin,
    scale,
    bonus,
    ignoredCurrent,
  };
}

export function cost(m: PairingModel, s: number, h: number): number {
  return m.scale * m.dist[s * m.H + h] - (m.current[s] === h ? m.bonus : 0);
}

/** Total metres and number of changed current pairings of an assignment (hospital index per school). */
export function evaluate(m: PairingModel, assigned: ArrayLike<number>): { distance: number; changes: number } {
  let distance = 0;
  let changes = 0;
  for (let s = 0; s < m.S; s++) {
    distance += m.dist[s * m.H + assigned[s]];
    if (m.current[s] >= 0 && m.current[s] !== assigned[s]) changes++;
  }
  return { distance, changes };
}
