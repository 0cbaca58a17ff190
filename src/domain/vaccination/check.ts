/**
 * The school-entry vaccination check (入托、入学预防接种证查验): which doses of the national schedule a
 * child should have had by the day of the check, against the doses recorded from the certificate.
 * The schedule is data (reference/immunisation-schedule.json); this is the rule over it.
 */
export interface VaccineSpec {
  code: string;
  nameZh: string;
  nameEn: string;
  /** Recommended age of each dose, in months. */
  doses: number[];
  alternative?: { nameZh: string; doses: number[] };
}

export interface ImmunisationSchedule {
  vaccines: VaccineSpec[];
}

export interface MissingDoses {
  code: string;
  required: number;
  received: number;
  missing: number;
}

/** Whole months from birth to the day (a child born on the 31st turns a month older on the last day of a short month). */
export function ageInMonths(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = on.split('-').map(Number);
  let months = (y - by) * 12 + (m - bm);
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d < Math.min(bd, lastDay)) months -= 1;
  return months;
}

/**
 * Doses due by the check date for each vaccine, and how many the record lacks. The record counts
 * doses per vaccine; a child on the alternative product (inactivated JE or HepA) has more doses
 * recorded, never fewer, so counting against the main series does not wrongly flag them.
 */
export function checkVaccination(schedule: ImmunisationSchedule, birthDate: string, checkDate: string, received: Record<string, number>) {
  const age = ageInMonths(birthDate, checkDate);
  if (age < 0) throw new RangeError('the check date is before the birth date');
  const missing: MissingDoses[] = [];
  for (const v of schedule.vaccines) {
    const required = v.doses.filter((m) => m <= age).length;
    const got = received[v.code] ?? 0;
    if (got < required) missing.push({ code: v.code, required, received: got, missing: required - got });
  }
  return { ageMonths: age, complete: missing.length === 0, missing };
}
