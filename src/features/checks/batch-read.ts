import { type Kysely, sql } from 'kysely';
import { prepared } from '../../db/prepared';
import type { Database } from '../../db/tables';
import { type Actor, placeInScope } from '../../domain/access/scope';
import { type SessionRule, sessionsOf } from '../../domain/checks/sessions';
import type { TargetInfo } from './queries';

/**
 * What a first submission of a class check needs to be validated, read for a whole batch of
 * submissions in one statement: scope, school, sessions, terms, roster, an existing check and a
 * stored idempotency answer.
 */
export interface SubmissionContext {
  allowed: boolean;
  info: TargetInfo & { classId: number };
  regionCode: string;
  terms: Array<{ start_date: string; end_date: string; name: string }>;
  roster: number[];
  existing: boolean;
  storedAnswer: boolean;
}

export interface ContextWant {
  actor: Actor;
  classId: number;
  date: string;
  session: string;
  idempotencyKey: string;
}

export async function readSubmissionContexts(db: Kysely<Database>, wants: ContextWant[]): Promise<Array<SubmissionContext | null>> {
  if (!wants.length) return [];
  // The same text for every batch (the members come as JSON), so it is prepared once per connection.
  // JSON rather than arrays: the planner sees an array's length and judged a plan for each batch size
  // cheaper than a generic one, so at a few checks a batch it planned every call (0.18 ms, more than the
  // run; pg_stat_statements under `npm run bench -- checks` at 400/s); it cannot see into the JSON.
  // Each member's scope is decided here from the class's school and region ancestry, by the rule the
  // SQL filters express (placeInScope). A parent's scope goes the general path, which decides it.
  const r = await sql<{ i: number; school_id: number; region_code: string; regions: string[]; boarding: boolean; sessions: SessionRule[]; terms: SubmissionContext['terms'] | null; roster: number[] | null; existing: boolean; stored: boolean }>`${prepared}
    select m.i::int as i, c.school_id, s.region_code, s.boarding,
      array(select rc.ancestor_code from region_closure rc where rc.code = s.region_code) as regions,
      coalesce((select json_agg(json_build_object('session', x.session, 'deadline', x.deadline)) from check_sessions x where x.school_id = c.school_id), '[]') as sessions,
      (select json_agg(json_build_object('start_date', t.start_date, 'end_date', t.end_date, 'name', t.name)) from school_terms t where t.school_id = c.school_id) as terms,
      (select array_agg(p.id order by p.id) from persons p where p.class_id = c.id and p.kind = 'student' and p.active) as roster,
      -- Probes per member (the limits): as EXISTS, the plan prepared on young tables hashed all of
      -- class_checks and check_idempotency on every batch, a cost that grew with them (auto_explain,
      -- checks bench).
      coalesce((select true from class_checks k where k.class_id = c.id and k.check_date = m.d and k.session = m.session limit 1), false) as existing,
      coalesce((select true from check_idempotency k where k.account_id = m.account_id and k.key = m.key limit 1), false) as stored
    from jsonb_to_recordset(${JSON.stringify(wants.map((w, i) => ({ i: i + 1, class_id: w.classId, d: w.date, session: w.session, account_id: w.actor.accountId, key: w.idempotencyKey })))}::jsonb)
      as m(i int, class_id bigint, d date, session text, account_id bigint, key text)
    join classes c on c.id = m.class_id join schools s on s.id = c.school_id`.execute(db);
  const out: Array<SubmissionContext | null> = wants.map(() => null);
  for (const row of r.rows) {
    const w = wants[row.i - 1];
    const schoolId = Number(row.school_id);
    const allowed = w.actor.scope.kind !== 'children' && placeInScope(w.actor.scope, { schoolId, regionCodes: row.regions, classId: w.classId });
    out[row.i - 1] = {
      allowed, regionCode: row.region_code, terms: row.terms ?? [], roster: (row.roster ?? []).map(Number), existing: row.existing, storedAnswer: row.stored,
      info: { schoolId, classId: w.classId, boarding: row.boarding, sessions: sessionsOf(row.sessions as SessionRule[], row.boarding) },
    };
  }
  return out;
}
