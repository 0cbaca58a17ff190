import { sql } from 'kysely';
import type { Static } from 'typebox';
import { schoolInScope } from '../../db/scope';
import type { Scope } from '../../domain/access/scope';
import type { AppContext } from '../../http/context';
import type { SchoolListQuery } from './schema';

export async function listSchools(ctx: AppContext, scope: Scope, query: Static<typeof SchoolListQuery>) {
  let q = ctx.db
    .selectFrom('schools')
    .innerJoin('regions', 'regions.code', 'schools.region_code')
    .where(schoolInScope(scope, 'schools.id'));
  if (query.regionCode) q = q.where(sql<boolean>`schools.region_code in (select code from region_closure where ancestor_code = ${query.regionCode})`);
  if (query.type) q = q.where('schools.type', '=', query.type);
  if (query.q) q = q.where((eb) => eb.or([eb('schools.name', 'ilike', `%${query.q}%`), eb('schools.code', '=', query.q!)]));
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .select([
      'schools.id', 'schools.code', 'schools.name', 'schools.type', 'schools.boarding', 'schools.region_code', 'regions.name as region_name',
      sql<number>`(select count(*) from persons p where p.school_id = schools.id and p.kind = 'student' and p.active)`.as('student_count'),
      sql<number>`(select count(*) from classes c where c.school_id = schools.id)`.as('class_count'),
    ])
    .orderBy('schools.region_code')
    .orderBy('schools.name')
    .limit(query.limit ?? 100)
    .offset(query.offset ?? 0)
    .execute();
  return {
    total: total.n,
    items: rows.map((r) => ({
      id: r.id, code: r.code, name: r.name, type: r.type, boarding: r.boarding, regionCode: r.region_code, regionName: r.region_name,
      studentCount: r.student_count, classCount: r.class_count,
    })),
  };
}

export async function schoolDetail(ctx: AppContext, schoolId: number, scope: Scope) {
  const school = await ctx.db
    .selectFrom('schools')
    .innerJoin('regions', 'regions.code', 'schools.region_code')
    .leftJoin('school_hospital_pairings as p', 'p.school_id', 'schools.id')
    .leftJoin('hospitals as h', 'h.id', 'p.hospital_id')
    .select([
      'schools.id', 'schools.code', 'schools.name', 'schools.type', 'schools.boarding', 'schools.address', 'schools.region_code',
      'regions.name as region_name', 'schools.lng', 'schools.lat', 'h.name as hospital_name',
    ])
    .where('schools.id', '=', schoolId)
    .executeTakeFirstOrThrow();
  const grades = await ctx.db.selectFrom('grades').select(['id', 'name', 'entry_year']).where('school_id', '=', schoolId).orderBy('sort_order').orderBy('entry_year', 'desc').execute();
  let classQuery = ctx.db
    .selectFrom('classes')
    .innerJoin('grades', 'grades.id', 'classes.grade_id')
    .select([
      'classes.id', 'classes.name', 'classes.grade_id', 'grades.name as grade_name',
      sql<number>`(select count(*) from persons p where p.class_id = classes.id and p.kind = 'student' and p.active)`.as('student_count'),
      sql<string | null>`(select a.display_name from grid_responsibilities g join accounts a on a.id = g.account_id where g.unit_type = 'class' and g.unit_key = classes.id::text)`.as('teacher_name'),
    ])
    .where('classes.school_id', '=', schoolId);
  if (scope.kind === 'class') classQuery = classQuery.where('classes.id', '=', scope.classId);
  const classes = await classQuery.orderBy('grades.sort_order').orderBy('classes.sort_order').orderBy('classes.name').execute();
  const dorms = await ctx.db
    .selectFrom('dorms')
    .select(['id', 'building', 'room', 'capacity', sql<number>`(select count(*) from persons p where p.dorm_id = dorms.id and p.active)`.as('occupants')])
    .where('school_id', '=', schoolId)
    .orderBy('building')
    .orderBy('room')
    .execute();
  const counts = await ctx.db
    .selectFrom('persons')
    .select([
      sql<number>`count(*) filter (where kind = 'student')`.as('students'),
      sql<number>`count(*) filter (where kind = 'staff')`.as('staff'),
      sql<number>`count(*) filter (where kind = 'co_resident')`.as('co_residents'),
    ])
    .where('school_id', '=', schoolId)
    .where('active', '=', true)
    .executeTakeFirstOrThrow();
  return {
    school: {
      id: school.id, code: school.code, name: school.name, type: school.type, boarding: school.boarding, address: school.address,
      regionCode: school.region_code, regionName: school.region_name, lng: school.lng, lat: school.lat, hospitalName: school.hospital_name,
    },
    grades: grades.map((g) => ({ id: g.id, name: g.name, entryYear: g.entry_year })),
    classes: classes.map((c) => ({ id: c.id, name: c.name, gradeId: c.grade_id, gradeName: c.grade_name, studentCount: c.student_count, teacherName: c.teacher_name })),
    dorms: scope.kind === 'class' ? [] : dorms,
    counts: { students: counts.students, staff: counts.staff, coResidents: counts.co_residents },
  };
}
