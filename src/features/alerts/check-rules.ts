import { sql } from 'kysely';
import type { AfterCommit, Trx } from '../../db/transaction';
import { type CaseRecord, evaluateRules, type Signal } from '../../domain/alerts';
import { addDays } from '../../domain/calendar';
import type { AppContext } from '../../http/context';
import { alertCalendar } from './calendar';
import { raiseOrMerge, type QueueResult } from './queue';
import { effectiveRules } from './rule-sets';

/** A submitted class check as the rules need it (its exceptions are already written in `trx`). */
export interface CheckEvent {
  schoolId: number;
  classId: number | null;
  date: string;
  checkId?: number;
  /** The persons the check reports ill or symptomatic; their dorms are read from the roster. */
  personIds?: number[];
}

/** Calendar days read back: the longest rule window (10 days) plus a school-day window across a holiday. */
const LOOKBACK_DAYS = 21;

/**
 * Runs the region's rule set, in the check's transaction, on the school's recent cases (illness
 * absences and symptomatic children from the checks, with diagnoses from their episodes), and puts
 * every signal about the checked class, the dorms of its ill children or the whole school into the
 * alert queue. Re-running it on the same data changes nothing (the queue merges).
 */
export async function evaluateCheckRules(trx: Trx, ctx: AppContext, event: CheckEvent, afterCommit?: AfterCommit): Promise<QueueResult[]> {
  if (event.classId == null) return [];
  const school = await trx.selectFrom('schools').select(['region_code']).where('id', '=', event.schoolId).executeTakeFirstOrThrow();
  const { ruleSet } = await effectiveRules(trx, school.region_code);
  const cases = await recentCases(trx, event.schoolId, addDays(event.date, -LOOKBACK_DAYS), event.date);
  const sizes = await sql<{ class_id: number; n: number }>`select class_id, count(*)::int as n from persons
    where school_id = ${event.schoolId} and kind = 'student' and active group by class_id`.execute(trx);
  const calendar = await alertCalendar(trx, event.schoolId, event.date);
  const signals = evaluateRules({ today: event.date, cases, calendar, classSizes: Object.fromEntries(sizes.rows.map((r) => [String(r.class_id), Number(r.n)])) }, ruleSet);

  const touchedDorms = new Set(cases.filter((c) => c.classId === String(event.classId) && c.dormId).map((c) => c.dormId!));
  const relevant = signals.filter((s) => (s.unit.kind === 'class' && s.unit.id === String(event.classId)) || (s.unit.kind === 'dorm' && touchedDorms.has(s.unit.id)) || s.unit.kind === 'school');
  const out: QueueResult[] = [];
  for (const s of relevant) out.push(await raiseOrMerge(trx, ctx.now(), toAlertSignal(s, event, school.region_code, cases), afterCommit));
  return out;
}

function toAlertSignal(s: Signal, event: CheckEvent, regionCode: string, cases: CaseRecord[]) {
  const classId = s.unit.kind === 'class' ? Number(s.unit.id) : null;
  const dormId = s.unit.kind === 'dorm' ? Number(s.unit.id) : null;
  const personIds = s.persons.map(Number);
  // A class rule names the class; a dorm rule names the dorm, whose children may come from several classes.
  const cls = classId ?? (s.unit.kind === 'dorm' ? singleClass(cases, s.persons) : null);
  return {
    source: 'rule' as const, rule: s.rule, unitKind: s.unit.kind, unitId: s.unit.id, schoolId: event.schoolId, classId: cls, dormId, regionCode,
    level: s.level, deadline: s.deadline, disease: s.disease ?? null, syndrome: s.syndrome ?? null, window: s.window, personIds,
    detail: { checkId: event.checkId ?? null, count: s.count },
  };
}

function singleClass(cases: CaseRecord[], persons: string[]): number | null {
  const classes = new Set(cases.filter((c) => persons.includes(c.personId)).map((c) => c.classId));
  return classes.size === 1 ? Number([...classes][0]) : null;
}

/** Reports of one person more than this many calendar days apart are separate illnesses. */
const NEW_ILLNESS_GAP_DAYS = 3;

/**
 * The school's cases between two dates: every illness absence or symptomatic child of any session,
 * one case per person and illness, dated by its first report (a child absent three days is one case,
 * not one a day), with symptoms pooled, the highest temperature, and the diagnosis and return day of
 * the person's illness episode when one is recorded.
 */
export async function recentCases(trx: Trx, schoolId: number, from: string, to: string): Promise<CaseRecord[]> {
  const rows = await sql<{ person_id: number; class_id: number | null; dorm_id: number | null; day: string; symptoms: string[]; temperature: string | number | null; diagnosis: string | null; returned_on: string | null }>`
    select e.person_id, p.class_id, p.dorm_id, e.check_date::text as day,
           array(select distinct s from check_exceptions x, unnest(x.symptoms) s where x.person_id = e.person_id and x.check_date = e.check_date and x.status <> 'absent_other') as symptoms,
           max(e.temperature) as temperature,
           (select ep.diagnosis_code from absence_episodes ep where ep.person_id = e.person_id and ep.opened_on <= e.check_date and ep.diagnosis_code is not null
              and (ep.status = 'open' or ep.last_absent_on >= e.check_date) order by ep.opened_on desc limit 1) as diagnosis,
           (select ep.closed_on::text from absence_episodes ep where ep.person_id = e.person_id and ep.opened_on <= e.check_date and ep.status = 'closed'
              and ep.last_absent_on >= e.check_date order by ep.opened_on desc limit 1) as returned_on
    from check_exceptions e join persons p on p.id = e.person_id
    where e.school_id = ${schoolId} and e.check_date between ${from}::date and ${to}::date and e.status in ('absent_ill', 'present_symptomatic') and p.class_id is not null
    group by e.person_id, p.class_id, p.dorm_id, e.check_date
    order by e.person_id, e.check_date`.execute(trx);
  const out: Array<CaseRecord & { last: string }> = [];
  let current: (CaseRecord & { last: string }) | null = null;
  for (const r of rows.rows) {
    const personId = String(r.person_id);
    const temperature = r.temperature == null ? null : Number(r.temperature);
    if (current && current.personId === personId && r.day <= addDays(current.last, NEW_ILLNESS_GAP_DAYS)) {
      current.last = r.day;
      current.symptoms = [...new Set([...current.symptoms, ...(r.symptoms ?? [])])];
      if (temperature != null && (current.temperature == null || temperature > current.temperature)) current.temperature = temperature;
      current.disease ??= r.diagnosis;
      current.returnedOn = r.returned_on ?? current.returnedOn;
      continue;
    }
    current = {
      personId, schoolId: String(schoolId), classId: String(r.class_id), dormId: r.dorm_id == null ? null : String(r.dorm_id),
      date: r.day, last: r.day, symptoms: r.symptoms ?? [], temperature, disease: r.diagnosis, returnedOn: r.returned_on,
    };
    out.push(current);
  }
  return out.map(({ last: _last, ...c }) => c);
}
