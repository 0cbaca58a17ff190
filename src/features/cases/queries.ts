import { type Kysely, sql } from 'kysely';
import { personInScope } from '../../db/scope';
import type { Database } from '../../db/tables';
import type { Scope } from '../../domain/access/scope';

export function caseRowQuery(db: Kysely<Database>) {
  return db
    .selectFrom('cases as c')
    .innerJoin('persons', 'persons.id', 'c.person_id')
    .innerJoin('schools as s', 's.id', 'c.school_id')
    .innerJoin('disease_policies as dp', 'dp.id', 'c.policy_id')
    .leftJoin('classes as cl', 'cl.id', 'persons.class_id')
    .leftJoin('grades as g', 'g.id', 'cl.grade_id')
    .select([
      'c.id', 'c.person_id', 'persons.name as person_name', 'persons.kind as person_kind', 'c.school_id', 's.name as school_name',
      sql<string | null>`g.name || cl.name`.as('class_name'),
      'c.disease', 'c.status', 'c.onset_date', 'c.found_by', 'c.alert_id', 'c.outbreak_id', 'c.source_case_id', 'c.policy_id', 'dp.version as policy_version', 'c.note', 'c.created_at',
    ]);
}

type Raw = Awaited<ReturnType<ReturnType<typeof caseRowQuery>['executeTakeFirstOrThrow']>>;

export function toCaseRow(r: Raw) {
  return {
    id: r.id, personId: r.person_id, personName: r.person_name, personKind: r.person_kind, schoolId: r.school_id, schoolName: r.school_name, className: r.class_name,
    disease: r.disease, status: r.status, onsetDate: r.onset_date, foundBy: r.found_by, alertId: r.alert_id, outbreakId: r.outbreak_id, sourceCaseId: r.source_case_id,
    policyId: r.policy_id, policyVersion: r.policy_version, note: r.note, createdAt: r.created_at.toISOString(),
  };
}

export async function listCases(db: Kysely<Database>, scope: Scope, q: { schoolId?: number; status?: string; disease?: string; limit?: number }) {
  let query = caseRowQuery(db).where(personInScope(scope, 'persons'));
  if (q.schoolId) query = query.where('c.school_id', '=', q.schoolId);
  if (q.status) query = query.where('c.status', '=', q.status as 'confirmed');
  if (q.disease) query = query.where('c.disease', '=', q.disease);
  const rows = await query.orderBy('c.created_at', 'desc').orderBy('c.id', 'desc').limit(q.limit ?? 100).execute();
  return rows.map(toCaseRow);
}
