import { sql } from 'kysely';
import { prepared } from '../../db/prepared';
import type { AfterCommit, Trx } from '../../db/transaction';
import { type CaseRecord, DEFAULT_RULE_SET, evaluateRules, mergeRuleSets, NEW_ILLNESS_GAP_DAYS, type RuleSet, type RuleSetOverride, type Signal } from '../../domain/alerts';
import { addDays } from '../../domain/calendar';
import type { AppContext } from '../../http/context';
import { defaultCalendarAround } from './calendar';
import { raiseOrMergeMany } from './check-merge';
import type { QueueResult } from './queue';

/** A submitted class check as the rules need it (its exceptions are already written in `trx`). */
export interface CheckEvent {
  schoolId: number;
  classId: number | null;
  date: string;
  checkId?: number;
  /** The persons the check reports ill or symptomatic, when known (a grow links them again, see AlertSignal.reports). */
  personIds?: number[];
}

const YIELD_EVERY_MS = 3;

/** Calendar days read back: the longest rule window (10 days) plus a school-day window across a holiday. */
const LOOKBACK_DAYS = 21;

/**
 * Runs the region's rule set, in the check's transaction, on the school's recent cases (illness
 * absences and symptomatic children from the checks, with diagnoses from their episodes), and puts
 * every signal about the checked class, the dorms of its ill children or the whole school into the
 * alert queue. Re-running it on the same data changes nothing (the queue merges).
 */
export async function evaluateCheckRules(trx: Trx, ctx: AppContext, event: CheckEvent, afterCommit?: AfterCommit): Promise<QueueResult[]> {
  return evaluateCheckRulesBatch(trx, ctx, [event], afterCommit);
}

/**
 * The same for the checks of one group commit: the inputs of every school touched are read once (a
 * handful of statements for the whole batch, whatever its size), the rules run once per school and
 * date on those cases, and a signal is kept when it concerns one of the checked classes, the dorms of
 * their ill children or the school, exactly as if each check had been evaluated on its own after the
 * whole batch was written. The queue then merges all signals with a few set-based statements.
 */
export async function evaluateCheckRulesBatch(trx: Trx, ctx: AppContext, events: CheckEvent[], afterCommit?: AfterCommit): Promise<QueueResult[]> {
  const byDay = new Map<string, { schoolId: number; date: string; classes: Set<string>; checkId: number | null; reported: Set<string> | null }>();
  for (const e of events) {
    if (e.classId == null) continue;
    const k = `${e.schoolId}|${e.date}`;
    let g = byDay.get(k);
    if (!g) byDay.set(k, (g = { schoolId: e.schoolId, date: e.date, classes: new Set(), checkId: e.checkId ?? null, reported: new Set() }));
    g.classes.add(String(e.classId));
    if (!e.personIds) g.reported = null;
    else for (const p of e.personIds) g.reported?.add(String(p));
  }
  if (!byDay.size) return [];
  const groups = [...byDay.values()].sort((a, b) => a.schoolId - b.schoolId || (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const spans = new Map<number, { from: string; to: string }>();
  for (const g of groups) {
    const s = spans.get(g.schoolId);
    const from = addDays(g.date, -LOOKBACK_DAYS);
    if (!s) spans.set(g.schoolId, { from, to: g.date });
    else {
      if (from < s.from) s.from = from;
      if (g.date > s.to) s.to = g.date;
    }
  }
  const { schools, ruleSets, rows, episodes } = await readInputs(trx, spans);

  const signals = [];
  let slice = performance.now();
  for (const g of groups) {
    // A drain evaluates many schools: hand the event loop back every few milliseconds, so that the
    // submissions arriving meanwhile are not held up behind the whole evaluation.
    if (performance.now() - slice > YIELD_EVERY_MS) {
      await new Promise((r) => setImmediate(r));
      slice = performance.now();
    }
    const school = schools.get(g.schoolId)!;
    const schoolRows = rows.get(g.schoolId) ?? [];
    const cases = casesFrom(schoolRows, episodes, g.schoolId, addDays(g.date, -LOOKBACK_DAYS), g.date);
    // Each person's latest report up to the day (rows come oldest first per person).
    const lastReported = new Map<string, string>();
    for (const r of schoolRows) if (r.day <= g.date) lastReported.set(String(r.person_id), r.day);
    const calendar = school.terms.length ? { terms: school.terms } : defaultCalendarAround(g.date);
    const found = evaluateRules({ today: g.date, cases, calendar, classSizes: school.classSizes }, ruleSets.get(school.regionCode)!);
    const dorms = new Set(cases.filter((c) => g.classes.has(c.classId) && c.dormId).map((c) => c.dormId!));
    const relevant = found.filter((s) => (s.unit.kind === 'class' && g.classes.has(s.unit.id)) || (s.unit.kind === 'dorm' && dorms.has(s.unit.id)) || s.unit.kind === 'school');
    // Persons a grow must link again even when already linked: those these checks report (or, not
    // knowing them, everyone reported on the day) and those who returned within the signal's window
    // (a new illness opens a new episode).
    const returned = (p: string, from: string) => (episodes.get(Number(p)) ?? []).some((e) => e.status === 'closed' && e.closed_on != null && e.closed_on >= from);
    // Each person's case a signal counts: the latest that started by the window's end (cases come oldest first per person).
    const caseDays = new Map<string, string[]>();
    for (const c of cases) {
      const list = caseDays.get(c.personId);
      if (list) list.push(c.date);
      else caseDays.set(c.personId, [c.date]);
    }
    const caseDate = (p: string, to: string) => (caseDays.get(p) ?? []).reduce((d, day) => (day <= to ? day : d), to);
    for (const s of relevant) {
      const last = s.persons.map((p) => lastReported.get(p)!);
      const fresh = s.persons.map((p, i) => (g.reported ? g.reported.has(p) : last[i] >= g.date) || returned(p, s.window.from));
      const caseDates = s.persons.map((p) => caseDate(p, s.window.to));
      signals.push({ ...toAlertSignal(s, g.schoolId, g.checkId, school.regionCode, cases), reports: { last, fresh }, caseDates });
    }
  }
  return raiseOrMergeMany(trx, ctx.now(), signals, afterCommit);
}

function toAlertSignal(s: Signal, schoolId: number, checkId: number | null, regionCode: string, cases: CaseRecord[]) {
  const classId = s.unit.kind === 'class' ? Number(s.unit.id) : null;
  const dormId = s.unit.kind === 'dorm' ? Number(s.unit.id) : null;
  const personIds = s.persons.map(Number);
  // A class rule names the class; a dorm rule names the dorm, whose children may come from several classes.
  const cls = classId ?? (s.unit.kind === 'dorm' ? singleClass(cases, s.persons) : null);
  return {
    source: 'rule' as const, rule: s.rule, unitKind: s.unit.kind, unitId: s.unit.id, schoolId, classId: cls, dormId, regionCode,
    level: s.level, deadline: s.deadline, disease: s.disease ?? null, syndrome: s.syndrome ?? null, window: s.window, personIds,
    detail: { checkId, count: s.count },
  };
}

function singleClass(cases: CaseRecord[], persons: string[]): number | null {
  const classes = new Set(cases.filter((c) => persons.includes(c.personId)).map((c) => c.classId));
  return classes.size === 1 ? Number([...classes][0]) : null;
}

interface CaseRow {
  person_id: number;
  class_id: number;
  dorm_id: number | null;
  day: string;
  symptoms: string[] | null;
  temperature: string | number | null;
}

interface EpisodeFact {
  opened_on: string;
  last_absent_on: string;
  status: 'open' | 'closed';
  diagnosis_code: string | null;
  closed_on: string | null;
}

/**
 * Everything the rules read, for every school of the batch, in two statements: each school's region,
 * terms and class sizes, each region's rule-set chain (as effectiveRules reads it) and the only
 * episodes a case can take a diagnosis or a return day from, diagnosed or closed ones (index
 * absence_episodes_facts), latest first; then every illness absence or symptomatic report per person
 * and day in the school's span (partial index check_exceptions_school_cases), oldest first per person.
 */
async function readInputs(trx: Trx, spans: Map<number, { from: string; to: string }>) {
  const ids = [...spans.keys()];
  const to = [...spans.values()].reduce((m, s) => (s.to > m ? s.to : m), '0000-00-00');
  const r = await sql<{
    schools: Array<{ id: number; region_code: string; terms: Array<{ name: string; start: string; end: string }> | null; sizes: Record<string, number> | null }>;
    chain: Array<{ code: string; override: RuleSetOverride | null }> | null;
    episodes: Array<EpisodeFact & { person_id: number }> | null;
  }>`${prepared}
    with s as (select id, region_code from schools where id = any(${sql.val(ids)}::bigint[]))
    select
      (select json_agg(json_build_object('id', s.id, 'region_code', s.region_code,
        'terms', (select json_agg(json_build_object('name', t.name, 'start', t.start_date, 'end', t.end_date)) from school_terms t where t.school_id = s.id),
        'sizes', (select json_object_agg(x.class_id, x.n) from (select class_id, count(*)::int as n from persons where school_id = s.id and kind = 'student' and active group by class_id) x)))
        from s) as schools,
      (select json_agg(json_build_object('code', rc.code, 'override', a.override) order by rc.code, rc.depth desc)
        from region_closure rc join regions g on g.code = rc.ancestor_code left join alert_rule_sets a on a.region_code = rc.ancestor_code
        where rc.code in (select region_code from s)) as chain,
      (select json_agg(json_build_object('person_id', person_id, 'opened_on', opened_on, 'last_absent_on', last_absent_on, 'status', status,
          'diagnosis_code', diagnosis_code, 'closed_on', closed_on) order by opened_on desc)
        from absence_episodes where school_id = any(${sql.val(ids)}::bigint[]) and (diagnosis_code is not null or status = 'closed') and opened_on <= ${to}::date) as episodes`.execute(trx);
  // The case rows as plain rows (tens of thousands on a busy morning): building them into one JSON
  // value cost the database a fifth of the read, and parsing it held the event loop. A person's reports
  // of one day (morning and noon) are pooled here (caseRowsOf), not by the database: on PostgreSQL this
  // runs in the early-warning thread, at a lower priority than the database serving the requests.
  const cases = await sql<CaseRow & { school_id: number }>`${prepared}
    select e.school_id, e.person_id, p.class_id, p.dorm_id, e.check_date::text as day, e.symptoms, e.temperature
    from unnest(${sql.val(ids)}::bigint[], ${sql.val(ids.map((id) => spans.get(id)!.from))}::date[], ${sql.val(ids.map((id) => spans.get(id)!.to))}::date[]) as w(school_id, f, t)
    join check_exceptions e on e.school_id = w.school_id and e.check_date between w.f and w.t
    join persons p on p.id = e.person_id
    where e.status in ('absent_ill', 'present_symptomatic') and p.class_id is not null
    order by e.school_id, e.person_id, e.check_date`.execute(trx);
  const row = r.rows[0];
  const schools = new Map((row.schools ?? []).map((s) => [Number(s.id), { regionCode: s.region_code, terms: s.terms ?? [], classSizes: s.sizes ?? {} }]));
  const ruleSets = new Map<string, RuleSet>();
  for (const code of new Set([...schools.values()].map((s) => s.regionCode))) {
    ruleSets.set(code, mergeRuleSets(DEFAULT_RULE_SET, ...(row.chain ?? []).filter((c) => c.code === code).map((c) => c.override ?? null)));
  }
  const rows = caseRowsOf(cases.rows);
  const episodes = new Map<number, EpisodeFact[]>();
  for (const e of row.episodes ?? []) {
    const id = Number(e.person_id);
    let list = episodes.get(id);
    if (!list) episodes.set(id, (list = []));
    list.push(e);
  }
  return { schools, ruleSets, rows, episodes };
}

/**
 * Each school's case rows, one per person and day: the day's reports (rows ordered by school, person and
 * day) with their symptoms pooled (distinct, sorted) and the highest temperature.
 */
export function caseRowsOf(reports: Array<CaseRow & { school_id: number }>): Map<number, CaseRow[]> {
  const rows = new Map<number, CaseRow[]>();
  let last: CaseRow | null = null;
  let lastSchool = 0;
  for (const r of reports) {
    const school = Number(r.school_id);
    const temperature = r.temperature == null ? null : Number(r.temperature);
    if (last && lastSchool === school && last.person_id === r.person_id && last.day === r.day) {
      last.symptoms = [...new Set([...(last.symptoms ?? []), ...(r.symptoms ?? [])])].sort();
      if (temperature != null && (last.temperature == null || temperature > Number(last.temperature))) last.temperature = temperature;
      continue;
    }
    last = { person_id: r.person_id, class_id: r.class_id, dorm_id: r.dorm_id, day: r.day, symptoms: [...new Set(r.symptoms ?? [])].sort(), temperature };
    lastSchool = school;
    let list = rows.get(school);
    if (!list) rows.set(school, (list = []));
    list.push(last);
  }
  return rows;
}

/**
 * A school's cases between two dates: one case per person and illness, dated by its first report (a
 * child absent three days is one case, not one a day), with symptoms pooled, the highest temperature,
 * and the diagnosis and return day of the person's illness episode when one is recorded (the latest
 * episode opened by the day that covers it, or the diagnosed one that continues the case after it).
 */
function casesFrom(rows: CaseRow[], episodes: Map<number, EpisodeFact[]>, schoolId: number, from: string, to: string): CaseRecord[] {
  const out: Array<CaseRecord & { last: string }> = [];
  let current: (CaseRecord & { last: string }) | null = null;
  for (const r of rows) {
    if (r.day < from || r.day > to) continue;
    const personId = String(r.person_id);
    const temperature = r.temperature == null ? null : Number(r.temperature);
    const eps = episodes.get(Number(r.person_id)) ?? [];
    const diagnosis = eps.find((e) => e.opened_on <= r.day && e.diagnosis_code != null && (e.status === 'open' || e.last_absent_on >= r.day))?.diagnosis_code ?? null;
    const returnedOn = eps.find((e) => e.opened_on <= r.day && e.status === 'closed' && e.last_absent_on >= r.day)?.closed_on ?? null;
    if (current && current.personId === personId && r.day <= addDays(current.last, NEW_ILLNESS_GAP_DAYS)) {
      current.last = r.day;
      current.symptoms = [...new Set([...current.symptoms, ...(r.symptoms ?? [])])];
      if (temperature != null && (current.temperature == null || temperature > current.temperature)) current.temperature = temperature;
      current.disease ??= diagnosis;
      current.returnedOn = returnedOn ?? current.returnedOn;
      continue;
    }
    current = {
      personId, schoolId: String(schoolId), classId: String(r.class_id), dormId: r.dorm_id == null ? null : String(r.dorm_id),
      date: r.day, last: r.day, symptoms: r.symptoms ?? [], temperature, disease: diagnosis, returnedOn,
    };
    out.push(current);
  }
  // An illness first reported at school (symptomatic) and diagnosed on the absence that followed: its
  // episode opened after the day evaluated, within the gap that continues the case. A re-evaluation of
  // its first day (a diagnosis entered later, episode-rules.ts) must see the diagnosis.
  for (const c of out) {
    const eps = c.disease ? undefined : episodes.get(Number(c.personId));
    if (!eps?.some((e) => e.diagnosis_code != null && e.opened_on > c.last)) continue;
    const until = addDays(c.last, NEW_ILLNESS_GAP_DAYS);
    c.disease = eps.find((e) => e.diagnosis_code != null && e.opened_on > c.last && e.opened_on <= until)?.diagnosis_code ?? null;
  }
  return out.map(({ last: _last, ...c }) => c);
}

/** The school's cases between two dates (see casesFrom). */
export async function recentCases(trx: Trx, schoolId: number, from: string, to: string): Promise<CaseRecord[]> {
  const { rows, episodes } = await readInputs(trx, new Map([[schoolId, { from, to }]]));
  return casesFrom(rows.get(schoolId) ?? [], episodes, schoolId, from, to);
}
