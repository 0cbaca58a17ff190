import { type Kysely, type RawBuilder, sql } from 'kysely';
import { prepared } from '../../db/prepared';
import type { Database } from '../../db/tables';
import { type Actor, describeScope } from '../../domain/access/scope';
import type { CheckCounts, CheckExceptionInput } from '../../domain/checks/counts';
import type { SummaryDelta } from '../../domain/checks/summary';
import { AppError } from '../../http/errors';
import { summaryDeltasCtes } from '../dashboards/rollups';
import type { TargetInfo } from './queries';

/** One validated first submission of a class check, ready to be written with others. */
export interface CheckWrite {
  actor: Actor;
  info: TargetInfo & { classId: number };
  regionCode: string;
  date: string;
  session: string;
  now: Date;
  idempotencyKey: string;
  exceptions: CheckExceptionInput[];
  counts: CheckCounts;
  late: boolean;
  zeroReport: boolean;
  online: boolean;
  entryMs: number | null;
  flags: string[];
  delta: SummaryDelta;
  /** The stored answer without the check's id. */
  stored: Record<string, unknown>;
  ip?: string;
}

export interface BatchTimings {
  /** Checks queued for the early-warning rules (check_rule_queue), evaluated after the commit. */
  queued: number;
}

/** A check that reports no one ill or symptomatic adds no case, so it cannot start a signal. */
export const rulesApply = (exceptions: CheckExceptionInput[]) => exceptions.some((e) => e.status !== 'absent_other');

/**
 * Writes first submissions of class checks together in one statement that commits on its own (no
 * BEGIN or COMMIT round trips, and the roll-up rows it locks are free again as soon as it is done):
 * checks, idempotency keys, exceptions, illness episodes, both roll-ups, audit rows and the
 * early-warning queue rows (a check that reports someone ill or symptomatic is evaluated just after
 * the commit, see src/features/alerts/check-rule-queue.ts). Returns each member's answer, or null
 * when a first submission of the same check was already there (the general path then decides, as for
 * two concurrent requests). Whenever a member cannot be written as a first submission the statement
 * fails as a whole (check_batch_gate, migrations/0101_check_batch_gate.sql) and nothing is written:
 * a key that belongs to another submission of the account throws 409; a check already there, or
 * twice in the batch, throws for a batch (the batcher then writes the members one by one, so only
 * that submission gets the 409 or the general path) and answers null for a single member.
 */
export async function writeChecks(db: Kysely<Database>, writes: CheckWrite[], timings: BatchTimings): Promise<Array<{ check: Record<string, unknown>; replayed: false } | null>> {
  // Key order, so that two batches (two app instances) take the unique-index entries in the same order.
  const order = writes.map((w, i) => ({ w, i })).sort((a, b) => a.w.info.classId - b.w.info.classId || cmp(a.w.date, b.w.date) || cmp(a.w.session, b.w.session));
  const members = order.map(({ w }, ord) => ({
    ord, school_id: w.info.schoolId, class_id: w.info.classId, check_date: w.date, session: w.session, expected: w.counts.expected, present: w.counts.present,
    absent_ill: w.counts.absentIll, absent_other: w.counts.absentOther, symptomatic: w.counts.symptomatic, zero_report: w.zeroReport, account_id: w.actor.accountId,
    at: w.now.toISOString(), late: w.late, online: w.online, key: w.idempotencyKey, entry_ms: w.entryMs, flags: w.flags, response: { check: w.stored, replayed: false },
    exceptions: w.exceptions.map((e) => ({ person_id: e.personId, status: e.status, symptoms: [...new Set(e.symptoms ?? [])], temperature: e.temperature ?? null, note: e.note ?? null })),
    actor_name: w.actor.username, actor_role: w.actor.role, scope: describeScope(w.actor.scope), ip: w.ip ?? null,
    audit: { date: w.date, session: w.session, version: 1, late: w.late, exceptions: w.exceptions.length, flags: w.flags }, rules: rulesApply(w.exceptions),
  }));
  // One statement for everything: checks, idempotency keys, exceptions, audit rows, queue rows, and the
  // episodes and roll-ups, computed here for the batch as a whole. The answer's `gate` row fails the
  // statement when a written check did not claim its key or a member's check was not written.
  const all = sql<boolean>`((select count(*) from won) = ${members.length} and (select count(*) from claim) = ${members.length})`;
  const episodes = episodesCte(writes, all);
  const rollups = summaryDeltasCtes(writes.map((w) => ({ schoolId: w.info.schoolId, regionCode: w.regionCode, date: w.date, session: w.session, delta: w.delta })), all);
  const more = [episodes, rollups].filter((c) => c !== null);
  // A member already written: a batch is written again member by member; a single member takes the general path.
  const alreadyWritten = () => {
    if (members.length > 1) throw new Error('a check of the batch was already written: writing its members one by one');
    return writes.map(() => null);
  };
  let r: { rows: Array<{ ord: number; id: number }> };
  try {
    r = await sql<{ ord: number; id: number }>`${prepared}
    with input as (
      select * from jsonb_to_recordset(${JSON.stringify(members)}::jsonb) as r(ord int, school_id bigint, class_id bigint, check_date date, session text, expected int,
        present int, absent_ill int, absent_other int, symptomatic int, zero_report boolean, account_id bigint, at timestamptz, late boolean, online boolean, key text,
        entry_ms int, flags text[], response jsonb, exceptions jsonb, actor_name text, actor_role text, scope text, ip text, audit jsonb, rules boolean)
    ), chk as (
      insert into class_checks (school_id, class_id, check_date, session, expected, present, absent_ill, absent_other, symptomatic, zero_report,
        submitted_by, submitted_at, updated_at, late, online, version, idempotency_key, entry_ms, flags)
      select school_id, class_id, check_date, session, expected, present, absent_ill, absent_other, symptomatic, zero_report, account_id, at, at, late, online, 1, key, entry_ms, flags
      from input order by ord
      on conflict (class_id, check_date, session) where class_id is not null do nothing
      returning id, class_id, check_date, session
    ), won as (
      select distinct on (i.class_id, i.check_date, i.session) i.*, chk.id from input i join chk using (class_id, check_date, session) order by i.class_id, i.check_date, i.session, i.ord
    ), claim as (
      insert into check_idempotency (account_id, key, school_id, check_id, response, created_at)
      select account_id, key, school_id, id, jsonb_set(response, '{check,id}', to_jsonb(id)), at from won
      on conflict (account_id, key) do nothing
      returning check_id
    ), exc as (
      insert into check_exceptions (check_id, school_id, person_id, check_date, session, status, symptoms, temperature, note)
      select won.id, won.school_id, e.person_id, won.check_date, won.session, e.status, e.symptoms, e.temperature, e.note
      from won join claim on claim.check_id = won.id, jsonb_to_recordset(won.exceptions) as e(person_id bigint, status text, symptoms text[], temperature numeric, note text)
      returning 1
    ), aud as (
      insert into audit_log (actor_id, actor_name, actor_role, action, object_type, object_id, scope, result, detail, ip)
      select won.account_id, won.actor_name, won.actor_role, 'check.submit', 'class_check', won.id::text, won.scope, 'ok', won.audit, won.ip
      from won join claim on claim.check_id = won.id
      returning 1
    ), q as (
      insert into check_rule_queue (school_id, class_id, check_date, check_id)
      select won.school_id, won.class_id, won.check_date, won.id from won join claim on claim.check_id = won.id where won.rules
      returning 1
    )${more.length ? sql`, ${sql.join(more, sql`, `)}` : sql``}
    select w.ord, w.id
    from (select check_batch_gate((select count(*) from won) = (select count(*) from claim), (select count(*) from won) = ${members.length}) as ok,
      (select count(*) from exc) + (select count(*) from aud) + (select count(*) from q) as n) gate
    join won w on gate.ok`.execute(db);
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (code === 'CGK09') throw new AppError('check.idempotency_key_reused', 409, { field: 'Idempotency-Key' });
    if (code !== 'CGW01') throw err;
    return alreadyWritten();
  }
  // No row and no error: no member's check was written (the gate is not tested without one), nor anything else.
  if (r.rows.length !== members.length) return alreadyWritten();
  const written = r.rows.map((row) => {
    const { w, i } = order[row.ord];
    const id = Number(row.id);
    return { w, i, id, answer: { check: { ...w.stored, id }, replayed: false as const } };
  });
  const out: Array<{ check: Record<string, unknown>; replayed: false } | null> = writes.map(() => null);
  timings.queued = written.filter(({ w }) => rulesApply(w.exceptions)).length;
  for (const { i, answer } of written) out[i] = answer;
  return out;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Illness episodes (R6) for every absent-ill exception of the batch, one row per person: a person
 * reported in two checks of one batch (morning and noon) is one upsert that counts both sessions,
 * as two upserts in a row would (the second continues what the first opened, symptoms merged and
 * sorted). A single report keeps its symptoms in the order given, as recordIllnessAbsences does.
 */
function episodesCte(writes: CheckWrite[], gate: RawBuilder<boolean>): RawBuilder<unknown> | null {
  const byPerson = new Map<number, { school_id: number; person_id: number; class_id: number; opened_on: string; last_absent_on: string; n: number; symptoms: string[]; at: string }>();
  for (const w of writes) {
    for (const e of w.exceptions) {
      if (e.status !== 'absent_ill') continue;
      const symptoms = [...new Set(e.symptoms ?? [])];
      const seen = byPerson.get(e.personId);
      if (!seen) {
        byPerson.set(e.personId, { school_id: w.info.schoolId, person_id: e.personId, class_id: w.info.classId, opened_on: w.date, last_absent_on: w.date, n: 1, symptoms, at: w.now.toISOString() });
        continue;
      }
      seen.n++;
      if (w.date < seen.opened_on) seen.opened_on = w.date;
      if (w.date > seen.last_absent_on) seen.last_absent_on = w.date;
      seen.symptoms = [...new Set([...seen.symptoms, ...symptoms])].sort();
      if (w.now.toISOString() > seen.at) seen.at = w.now.toISOString();
    }
  }
  if (!byPerson.size) return null;
  const rows = [...byPerson.values()].sort((a, b) => a.person_id - b.person_id);
  return sql`epi as (insert into absence_episodes (school_id, person_id, class_id, kind, status, opened_on, last_absent_on, absent_sessions, symptoms, created_at, updated_at)
    select school_id, person_id, class_id, 'illness', 'open', opened_on, last_absent_on, n, symptoms, at, at
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as e(school_id bigint, person_id bigint, class_id bigint, opened_on date, last_absent_on date, n int, symptoms text[], at timestamptz)
    where ${gate}
    order by person_id
    on conflict (person_id) where status = 'open' do update set
      last_absent_on = greatest(absence_episodes.last_absent_on, excluded.last_absent_on),
      opened_on = least(absence_episodes.opened_on, excluded.opened_on),
      absent_sessions = absence_episodes.absent_sessions + excluded.absent_sessions,
      kind = 'illness',
      symptoms = array(select distinct unnest(absence_episodes.symptoms || excluded.symptoms) order by 1),
      updated_at = excluded.updated_at
    returning 1)`;
}
