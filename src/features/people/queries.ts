import { type Kysely, sql } from 'kysely';
import type { Static } from 'typebox';
import { personInScope } from '../../db/scope';
import type { Database } from '../../db/tables';
import type { Scope } from '../../domain/access/scope';
import { maskStudentNumber } from '../../domain/people/id-number';
import type { PersonListQuery } from './schema';

/** The columns of a person row as lists and the person file show it: masked, never the encrypted values. */
export function personRowQuery(db: Kysely<Database>) {
  return db
    .selectFrom('persons')
    .innerJoin('schools', 'schools.id', 'persons.school_id')
    .leftJoin('classes', 'classes.id', 'persons.class_id')
    .leftJoin('grades', 'grades.id', 'classes.grade_id')
    .leftJoin('dorms', 'dorms.id', 'persons.dorm_id')
    .select([
      'persons.id', 'persons.kind', 'persons.name', 'persons.gender', 'persons.birth_date', 'persons.id_number_masked', 'persons.phone_masked',
      'persons.school_id', 'schools.name as school_name', 'persons.class_id',
      sql<string | null>`grades.name || classes.name`.as('class_name'),
      'persons.student_number', 'persons.staff_role', 'persons.key_position', 'persons.household_of', 'persons.relation', 'persons.occupation',
      'persons.high_risk_occupation',
      sql<string | null>`dorms.building || '-' || dorms.room`.as('dorm_label'),
    ]);
}

type PersonRowRaw = Awaited<ReturnType<ReturnType<typeof personRowQuery>['executeTakeFirstOrThrow']>>;

export function toPersonRow(r: PersonRowRaw) {
  return {
    id: r.id, kind: r.kind, name: r.name, gender: r.gender, birthDate: r.birth_date, idNumberMasked: r.id_number_masked, phoneMasked: r.phone_masked,
    schoolId: r.school_id, schoolName: r.school_name, classId: r.class_id, className: r.class_name, studentNumber: maskStudentNumber(r.student_number),
    staffRole: r.staff_role, keyPosition: r.key_position, householdOf: r.household_of, relation: r.relation, occupation: r.occupation,
    highRiskOccupation: r.high_risk_occupation, dormLabel: r.dorm_label,
  };
}

/** `withCoResidents: false` leaves out household members, for actors who may not read households. */
export async function listPeople(db: Kysely<Database>, scope: Scope, query: Static<typeof PersonListQuery>, { withCoResidents = true } = {}) {
  let q = personRowQuery(db).where(personInScope(scope, 'persons')).where('persons.active', '=', true);
  if (!withCoResidents) q = q.where('persons.kind', '!=', 'co_resident');
  if (query.schoolId) q = q.where('persons.school_id', '=', query.schoolId);
  if (query.classId) q = q.where('persons.class_id', '=', query.classId);
  if (query.kind) q = q.where('persons.kind', '=', query.kind);
  if (query.keyPosition) q = q.where('persons.key_position', '=', query.keyPosition);
  if (query.q) q = q.where((eb) => eb.or([eb('persons.name', 'like', `%${query.q}%`), eb('persons.student_number', '=', query.q!)]));
  const total = await q.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q.orderBy(sql`case persons.kind when 'student' then 0 when 'staff' then 1 else 2 end`).orderBy('persons.class_id').orderBy('persons.student_number').orderBy('persons.id').limit(query.limit ?? 100).offset(query.offset ?? 0).execute();
  return { total: total.n, items: rows.map(toPersonRow) };
}
