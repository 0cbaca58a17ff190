import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/tables';
import type { StructureLink } from '../../domain/contacts/propose';
import type { ContactVia } from '../../domain/policies/types';

/**
 * Everyone linked to a person by the school's structure, in one statement: same class, same dorm
 * room, same dining slot/table group, bus route or arrival slot, the household, the teachers of
 * the class (and, for a teacher, the students of the classes taught). Indexed lookups only, so a
 * 3,000-student boarding school answers in a few milliseconds.
 */
export async function structureLinks(db: Kysely<Database>, personId: number): Promise<StructureLink[]> {
  const rows = await sql<{ person_id: number; via: ContactVia }>`
    with me as (select id, school_id, class_id, dorm_id, household_of from persons where id = ${personId})
    select p.id as person_id, 'class' as via from persons p join me on p.class_id = me.class_id where p.active
    union all
    select p.id, 'dorm' from persons p join me on p.dorm_id = me.dorm_id where p.active
    union all
    select m2.person_id, g.kind from exposure_group_members m1
      join exposure_groups g on g.id = m1.group_id
      join exposure_group_members m2 on m2.group_id = m1.group_id
      where m1.person_id = ${personId}
    union all
    select p.id, 'household' from persons p join me on p.household_of = me.id or p.id = me.household_of or p.household_of = me.household_of where p.active
    union all
    select ct.person_id, 'teacher' from class_teachers ct join me on ct.class_id = me.class_id
    union all
    select p.id, 'teacher' from class_teachers ct join persons p on p.class_id = ct.class_id where ct.person_id = ${personId} and p.active`.execute(db);
  return rows.rows.map((r) => ({ personId: Number(r.person_id), via: r.via }));
}

export function contactRowQuery(db: Kysely<Database>) {
  return db
    .selectFrom('contacts as k')
    .innerJoin('persons', 'persons.id', 'k.person_id')
    .leftJoin('classes as cl', 'cl.id', 'persons.class_id')
    .leftJoin('grades as g', 'g.id', 'cl.grade_id')
    .leftJoin('risk_statuses as rs', 'rs.person_id', 'k.person_id')
    .leftJoin('isolations as i', (j) => j.onRef('i.person_id', '=', 'k.person_id').on('i.status', '=', 'active'))
    .select([
      'k.id', 'k.case_id', 'k.person_id', 'persons.name as person_name', 'persons.kind as person_kind', sql<string | null>`g.name || cl.name`.as('class_name'),
      'k.via', 'k.exposure_from', 'k.exposure_to', 'k.status', 'k.source_contact_id', 'k.note', 'rs.status as risk_status', 'i.id as isolation_id',
    ]);
}

type Raw = Awaited<ReturnType<ReturnType<typeof contactRowQuery>['executeTakeFirstOrThrow']>>;

export function toContactRow(r: Raw) {
  return {
    id: r.id, caseId: r.case_id, personId: r.person_id, personName: r.person_name, personKind: r.person_kind, className: r.class_name, via: r.via,
    exposureFrom: r.exposure_from, exposureTo: r.exposure_to, status: r.status, sourceContactId: r.source_contact_id, note: r.note,
    riskStatus: r.risk_status ?? 'green', isolationId: r.isolation_id,
  };
}
