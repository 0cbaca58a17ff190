// New illnesses for the statistical scan: one per child and illness, dated by its first report, whether
// the child stayed home (an illness-absence episode) or came with symptoms and was caught at a morning,
// noon or evening check. The detection benchmark's event stream is exactly this; counting episodes
// alone missed the children who stay at school and dated a child caught on Monday and absent from
// Tuesday a day late.
import { addDays, type IsoDate } from '../calendar/dates';

/** Reports of one person more than this many calendar days apart are separate illnesses (the check-time rules agree). */
export const NEW_ILLNESS_GAP_DAYS = 3;

/** One report of illness: an illness-absence episode (`from` opened, `to` last absent, never before `from`) or a symptomatic check (`from` = `to`). */
export interface IllnessReport {
  personId: number;
  schoolId: number;
  /** Null for staff. */
  classId: number | null;
  from: IsoDate;
  to: IsoDate;
  symptoms: readonly string[];
}

/** A new illness: the person's first report after a gap, with the symptoms of all its reports. */
export interface IllnessOnset {
  personId: number;
  schoolId: number;
  classId: number | null;
  day: IsoDate;
  symptoms: string[];
}

/**
 * The new illnesses among `reports` whose first day falls in [from, to]. A report starts a new illness
 * when it begins more than `gapDays` calendar days after every earlier report of the person has ended;
 * otherwise it continues the illness (symptomatic at Monday's check, absent from Tuesday: one illness,
 * dated Monday). Reports before `from` are needed only to tell continuations from new illnesses.
 * Class and school are those of the first report. Onsets come sorted by day, school, class and person.
 */
export function illnessOnsets(reports: readonly IllnessReport[], from: IsoDate, to: IsoDate, gapDays = NEW_ILLNESS_GAP_DAYS): IllnessOnset[] {
  const sorted = [...reports].sort((a, b) => a.personId - b.personId || cmp(a.from, b.from) || cmp(a.to, b.to));
  const out: IllnessOnset[] = [];
  let current: (IllnessOnset & { end: IsoDate }) | null = null;
  const flush = () => {
    if (current && current.day >= from && current.day <= to) {
      const { end: _end, ...onset } = current;
      out.push({ ...onset, symptoms: [...new Set(onset.symptoms)].sort() });
    }
  };
  for (const r of sorted) {
    if (current && current.personId === r.personId && r.from <= addDays(current.end, gapDays)) {
      if (r.to > current.end) current.end = r.to;
      current.symptoms.push(...r.symptoms);
      continue;
    }
    flush();
    current = { personId: r.personId, schoolId: r.schoolId, classId: r.classId, day: r.from, end: r.to, symptoms: [...r.symptoms] };
  }
  flush();
  return out.sort((a, b) => cmp(a.day, b.day) || a.schoolId - b.schoolId || (a.classId ?? 0) - (b.classId ?? 0) || a.personId - b.personId);
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
