import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/tables';
import type { Footing } from '../../domain/hygiene/frequency';

const hasFootings = new WeakMap<object, Promise<boolean>>();

/**
 * The footing (平急转换) in force for a school: emergency if the school or any region above it is
 * switched to emergency by the response capability's records; normal when there are none.
 */
export async function footingOf(db: Kysely<Database>, schoolId: number): Promise<Footing> {
  let known = hasFootings.get(db);
  if (!known) {
    known = sql<{ t: string | null }>`select to_regclass('footings')::text as t`.execute(db).then((r) => r.rows[0].t !== null);
    hasFootings.set(db, known);
  }
  if (!(await known)) return 'normal';
  const r = await sql<{ n: number }>`
    select count(*)::int as n from footings f
    where f.status = 'in_force' and f.mode = 'emergency'
      and ((f.scope_type = 'school' and f.scope_key = ${String(schoolId)})
        or (f.scope_type = 'region' and f.scope_key in (select rc.ancestor_code from region_closure rc join schools s on s.region_code = rc.code where s.id = ${schoolId})))`.execute(db);
  return Number(r.rows[0].n) > 0 ? 'emergency' : 'normal';
}
