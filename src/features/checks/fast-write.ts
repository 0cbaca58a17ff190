import { type Kysely, sql } from 'kysely';
import { classInScope } from '../../db/scope';
import type { Database } from '../../db/tables';
import type { AfterCommit, Trx } from '../../db/transaction';
import { type Actor, describeScope } from '../../domain/access/scope';
import type { CheckCounts, CheckExceptionInput } from '../../domain/checks/counts';
import type { SessionRule } from '../../domain/checks/sessions';
import { sessionsOf } from '../../domain/checks/sessions';
import type { SummaryDelta } from '../../domain/checks/summary';
import { illnessAbsencesCte } from '../absences/episodes';
import { summaryCtes } from '../dashboards/rollups';
import type { TargetInfo } from './queries';

/**
 * The first submission of a class check, which is nearly every submission in the morning window,
 * written with as few round trips as possible: one read before the transaction (scope, school,
 * sessions, terms, roster, an existing check and a stored idempotency answer) and one statement
 * inside it (key, check, exceptions, both roll-ups, episodes, audit). Edits, replays and anything
 * unusual take the general path in service.ts, which does the same work statement by statement.
 */
export interface SubmissionContext {
  found: boolean;
  allowed: boolean;
  info: TargetInfo;
  terms: Array<{ start_date: string; end_date: string; name: string }>;
  roster: number[];
  existing: boolean;
  storedAnswer: boolean;
}

export async function readSubmissionContext(db: Kysely<Database>, actor: Actor, classId: number, date: string, session: string, idempotencyKey: string): Promise<SubmissionContext | null> {
  const r = await sql<{ school_id: number; boarding: boolean; allowed: boolean; sessions: SessionRule[]; terms: SubmissionContext['terms'] | null; roster: number[] | null; existing: boolean; stored: boolean }>`
    select c.school_id, s.boarding, ${classInScope(actor.scope, 'c.id', 'c.school_id')} as allowed,
      coalesce((select json_agg(json_build_object('session', x.session, 'deadline', x.deadline)) from check_sessions x where x.school_id = c.school_id), '[]') as sessions,
      (select json_agg(json_build_object('start_date', t.start_date, 'end_date', t.end_date, 'name', t.name)) from school_terms t where t.school_id = c.school_id) as terms,
      (select array_agg(p.id order by p.id) from persons p where p.class_id = c.id and p.kind = 'student' and p.active) as roster,
      exists (select 1 from class_checks k where k.class_id = c.id and k.check_date = ${date}::date and k.session = ${session}) as existing,
      exists (select 1 from check_idempotency i where i.account_id = ${actor.accountId} and i.key = ${idempotencyKey}) as stored
    from classes c join schools s on s.id = c.school_id where c.id = ${classId}`.execute(db);
  const row = r.rows[0];
  if (!row) return null;
  return {
    found: true, allowed: !!row.allowed, terms: row.terms ?? [], roster: (row.roster ?? []).map(Number), existing: row.existing, storedAnswer: row.stored,
    info: { schoolId: Number(row.school_id), classId, boarding: row.boarding, sessions: sessionsOf(row.sessions as SessionRule[], row.boarding) },
  };
}

export interface FastWrite {
  actor: Actor;
  info: TargetInfo & { classId: number };
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
  /** The stored answer without the check's id, which the statement fills in. */
  answer: object;
  ip?: string;
}

/**
 * Runs the statement; `written` false when a concurrent first submission of the same check won. With
 * `rollups: false` the roll-ups and the audit row are left to writeRollupsAndAudit, so a caller with
 * more work in the transaction (the early-warning rules) takes the school's and county's summary
 * rows, which every check of the school and county updates, only at the end and holds them briefly.
 */
export async function writeFirstSubmission(trx: Trx, w: FastWrite, rollups = true): Promise<{ written: boolean; claimed: boolean; id: number | null }> {
  const { info, date, session, now } = w;
  const exceptions = JSON.stringify(w.exceptions.map((e) => ({
    person_id: e.personId, status: e.status, symptoms: [...new Set(e.symptoms ?? [])], temperature: e.temperature ?? null, note: e.note ?? null,
  })));
  const ill = w.exceptions.filter((e) => e.status === 'absent_ill');
  const tail = rollups ? sql`, ${rollupAndAuditCtes(w, 'claim')}` : sql``;
  const r = await sql<{ id: number | null; claimed: boolean }>`
    with chk as (
      insert into class_checks (school_id, class_id, check_date, session, expected, present, absent_ill, absent_other, symptomatic, zero_report,
        submitted_by, submitted_at, updated_at, late, online, version, idempotency_key, entry_ms, flags)
      values (${info.schoolId}, ${info.classId}, ${date}::date, ${session}, ${w.counts.expected}, ${w.counts.present}, ${w.counts.absentIll}, ${w.counts.absentOther},
        ${w.counts.symptomatic}, ${w.zeroReport}, ${w.actor.accountId}, ${now}, ${now}, ${w.late}, ${w.online}, 1, ${w.idempotencyKey}, ${w.entryMs}, ${sql.val(w.flags)}::text[])
      on conflict (class_id, check_date, session) where class_id is not null do nothing
      returning id
    ), claim as (
      insert into check_idempotency (account_id, key, school_id, check_id, response, created_at)
      select ${w.actor.accountId}, ${w.idempotencyKey}, ${info.schoolId}, chk.id, jsonb_set(${JSON.stringify(w.answer)}::jsonb, '{check,id}', to_jsonb(chk.id)), ${now} from chk
      on conflict (account_id, key) do nothing
      returning check_id as id
    ), exc as (
      insert into check_exceptions (check_id, school_id, person_id, check_date, session, status, symptoms, temperature, note)
      select claim.id, ${info.schoolId}, e.person_id, ${date}::date, ${session}, e.status, e.symptoms, e.temperature, e.note
      from claim, jsonb_to_recordset(${exceptions}::jsonb) as e(person_id bigint, status text, symptoms text[], temperature numeric, note text)
      returning 1
    ), ${illnessAbsencesCte('epi', 'claim', { schoolId: info.schoolId, classId: info.classId, date, now }, ill)}${tail}
    select (select id from chk) as id, exists (select 1 from claim) as claimed`.execute(trx);
  const row = r.rows[0];
  return { written: row?.id != null, claimed: !!row?.claimed, id: row?.id == null ? null : Number(row.id) };
}

/** The second half when writeFirstSubmission ran with `rollups: false`: both roll-ups and the audit row. */
export async function writeRollupsAndAudit(trx: Trx, w: FastWrite, checkId: number): Promise<void> {
  await sql`with claim as (select ${checkId}::bigint as id), ${rollupAndAuditCtes(w, 'claim')} select 1`.execute(trx);
}

function rollupAndAuditCtes(w: FastWrite, gate: string) {
  const [sch, reg] = summaryCtes(w.info.schoolId, w.date, w.session, w.delta, gate);
  const audit = JSON.stringify({ date: w.date, session: w.session, version: 1, late: w.late, exceptions: w.exceptions.length, flags: w.flags });
  return sql`${sch}, ${reg}, aud as (
      insert into audit_log (actor_id, actor_name, actor_role, action, object_type, object_id, scope, result, detail, ip)
      select ${w.actor.accountId}, ${w.actor.username}, ${w.actor.role}, 'check.submit', 'class_check', ${sql.table(gate)}.id::text, ${describeScope(w.actor.scope)}, 'ok', ${audit}::jsonb, ${w.ip ?? null}
      from ${sql.table(gate)} returning 1
    )`;
}

export type { AfterCommit };
