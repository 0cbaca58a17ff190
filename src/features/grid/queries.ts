import { sql } from 'kysely';
import { regionInScope, schoolInScope } from '../../db/scope';
import type { Scope } from '../../domain/access/scope';
import type { AppContext } from '../../http/context';

export interface CoverageLevel {
  unitType: 'region' | 'school' | 'grade' | 'class' | 'student';
  total: number;
  covered: number;
  missing: { unitKey: string; name: string; schoolId: number | null }[];
}

const MISSING_LIMIT = 200;

/**
 * Grid coverage (网格化管理): every unit in scope, how many have a responsible person, and the first
 * units without one, per level. Students are optional in the grid, so they are counted, not listed.
 */
export async function gridCoverage(ctx: AppContext, scope: Scope): Promise<CoverageLevel[]> {
  const levels: CoverageLevel[] = [];
  if (scope.kind === 'region' || scope.kind === 'all') {
    const rows = await sql<{ code: string; name: string; covered: boolean }>`
      select r.code, r.name, exists (select 1 from grid_responsibilities g where g.unit_type = 'region' and g.unit_key = r.code) as covered
      from regions r where ${regionInScope(scope, 'r.code')} and r.official
        and exists (select 1 from region_closure rc join schools s on s.region_code = rc.code where rc.ancestor_code = r.code)
      order by r.code`.execute(ctx.db);
    levels.push(level('region', rows.rows.map((r) => ({ key: r.code, name: r.name, schoolId: null, covered: r.covered }))));
  }
  const schools = await sql<{ id: number; name: string; covered: boolean }>`
    select s.id, s.name, exists (select 1 from grid_responsibilities g where g.unit_type = 'school' and g.unit_key = s.id::text) as covered
    from schools s where ${schoolInScope(scope, 's.id')} order by s.region_code, s.name`.execute(ctx.db);
  levels.push(level('school', schools.rows.map((r) => ({ key: String(r.id), name: r.name, schoolId: r.id, covered: r.covered }))));
  const grades = await sql<{ id: number; name: string; school_id: number; covered: boolean }>`
    select gr.id, s.name || ' ' || gr.name as name, gr.school_id, exists (select 1 from grid_responsibilities g where g.unit_type = 'grade' and g.unit_key = gr.id::text) as covered
    from grades gr join schools s on s.id = gr.school_id where ${schoolInScope(scope, 'gr.school_id')} order by gr.school_id, gr.sort_order, gr.name`.execute(ctx.db);
  levels.push(level('grade', grades.rows.map((r) => ({ key: String(r.id), name: r.name, schoolId: r.school_id, covered: r.covered }))));
  const classes = await sql<{ id: number; name: string; school_id: number; covered: boolean }>`
    select c.id, s.name || ' ' || gr.name || c.name as name, c.school_id, exists (select 1 from grid_responsibilities g where g.unit_type = 'class' and g.unit_key = c.id::text) as covered
    from classes c join grades gr on gr.id = c.grade_id join schools s on s.id = c.school_id where ${schoolInScope(scope, 'c.school_id')}
    order by c.school_id, gr.sort_order, c.name`.execute(ctx.db);
  levels.push(level('class', classes.rows.map((r) => ({ key: String(r.id), name: r.name, schoolId: r.school_id, covered: r.covered }))));
  const students = await sql<{ total: number; covered: number }>`
    select count(*) as total, count(g.id) as covered from persons p
    left join grid_responsibilities g on g.unit_type = 'student' and g.unit_key = p.id::text
    where p.kind = 'student' and p.active and ${schoolInScope(scope, 'p.school_id')}`.execute(ctx.db);
  levels.push({ unitType: 'student', total: Number(students.rows[0].total), covered: Number(students.rows[0].covered), missing: [] });
  return levels;
}

function level(unitType: CoverageLevel['unitType'], units: { key: string; name: string; schoolId: number | null; covered: boolean }[]): CoverageLevel {
  const missing = units.filter((u) => !u.covered);
  return {
    unitType,
    total: units.length,
    covered: units.length - missing.length,
    missing: missing.slice(0, MISSING_LIMIT).map((u) => ({ unitKey: u.key, name: u.name, schoolId: u.schoolId })),
  };
}
