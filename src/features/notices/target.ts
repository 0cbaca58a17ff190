import { type Expression, type SqlBool, sql } from 'kysely';
import { regionInScope } from '../../db/scope';
import type { Actor } from '../../domain/access/scope';
import type { AppContext } from '../../http/context';
import { AppError } from '../../http/errors';
import { writeAudit } from '../audit/write-audit';
import { assertClassInScope, assertSchoolInScope } from '../scope-guard';

export interface ResolvedTarget {
  regionCode: string | null;
  schoolId: number | null;
  name: string;
  /** Which persons (alias `p`) the target covers. */
  covers: Expression<SqlBool>;
}

const field = 'target/key';
const asId = (key: string) => {
  if (!/^\d{1,15}$/.test(key)) throw new AppError('notice.target_unknown', 400, { field });
  return Number(key);
};

/**
 * A class teacher writes to the own class only: a grade, the school or a region reach other classes'
 * parents, even though the teacher's school is in scope. Audited like any refusal of scope.
 */
async function refuseWiderThanClass(ctx: AppContext, actor: Actor, type: string, key: string): Promise<void> {
  if (actor.scope.kind !== 'class') return;
  await writeAudit(ctx.db, actor, { action: 'access.denied', objectType: `notice_target.${type}`, objectId: key, result: 'denied' });
  throw new AppError('error.out_of_scope', 403, { field });
}

/** Checks the target exists and lies inside the sender's scope; returns who it covers. */
export async function resolveTarget(ctx: AppContext, actor: Actor, type: 'region' | 'school' | 'grade' | 'class', key: string): Promise<ResolvedTarget> {
  if (type !== 'class') await refuseWiderThanClass(ctx, actor, type, key);
  if (type === 'region') {
    const region = await ctx.db.selectFrom('regions').select(['code', 'name', sql<boolean>`${regionInScope(actor.scope, 'regions.code')}`.as('allowed')]).where('code', '=', key).executeTakeFirst();
    if (!region) throw new AppError('notice.target_unknown', 400, { field });
    if (!region.allowed) throw new AppError('error.out_of_scope', 403, { field });
    return { regionCode: region.code, schoolId: null, name: region.name, covers: sql<SqlBool>`p.school_id in (select s.id from schools s join region_closure rc on rc.code = s.region_code where rc.ancestor_code = ${region.code})` };
  }
  const id = asId(key);
  if (type === 'school') {
    const school = await ctx.db.selectFrom('schools').select(['id', 'name', 'region_code']).where('id', '=', id).executeTakeFirst();
    if (!school) throw new AppError('notice.target_unknown', 400, { field });
    await assertSchoolInScope(ctx, actor, id);
    return { regionCode: school.region_code, schoolId: id, name: school.name, covers: sql<SqlBool>`p.school_id = ${id}` };
  }
  if (type === 'grade') {
    const grade = await ctx.db.selectFrom('grades').innerJoin('schools', 'schools.id', 'grades.school_id').select(['grades.id', 'grades.name', 'grades.school_id', 'schools.name as school_name', 'schools.region_code']).where('grades.id', '=', id).executeTakeFirst();
    if (!grade) throw new AppError('notice.target_unknown', 400, { field });
    await assertSchoolInScope(ctx, actor, grade.school_id);
    return { regionCode: grade.region_code, schoolId: grade.school_id, name: `${grade.school_name} ${grade.name}`, covers: sql<SqlBool>`p.class_id in (select c.id from classes c where c.grade_id = ${id})` };
  }
  const cls = await ctx.db
    .selectFrom('classes')
    .innerJoin('grades', 'grades.id', 'classes.grade_id')
    .innerJoin('schools', 'schools.id', 'classes.school_id')
    .select(['classes.id', 'classes.name', 'grades.name as grade_name', 'schools.name as school_name', 'schools.region_code', 'classes.school_id'])
    .where('classes.id', '=', id)
    .executeTakeFirst();
  if (!cls) throw new AppError('notice.target_unknown', 400, { field });
  await assertClassInScope(ctx, actor, id);
  return { regionCode: cls.region_code, schoolId: cls.school_id, name: `${cls.school_name} ${cls.grade_name}${cls.name}`, covers: sql<SqlBool>`p.class_id = ${id}` };
}
