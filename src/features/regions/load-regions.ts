import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/tables';
import { henanDivisions } from '../../reference';

/**
 * Loads Henan's divisions (GB/T 2260 plus the NBS functional-zone codes) and rebuilds the
 * region closure table. Idempotent: rows are upserted. The grouping code 419000 (province-
 * directly-administered counties) hangs under the province as a city-level node.
 */
export async function loadRegions(db: Kysely<Database>): Promise<number> {
  const divisions = henanDivisions();
  const rows = divisions.map((d) => ({
    code: d.code,
    parent_code: d.parentCode,
    level: d.level === 'prefecture' || d.level === 'prefecture-group' ? ('city' as const) : (d.level as 'province' | 'county'),
    name: d.name,
    name_en: d.nameEn ?? d.name,
    official: d.official,
    kind: d.kind ?? null,
    lng: d.center?.[0] ?? null,
    lat: d.center?.[1] ?? null,
  }));
  // Parents first, so the foreign key holds while inserting.
  const depth = (code: string | null): number => (code ? 1 + depth(rows.find((r) => r.code === code)?.parent_code ?? null) : 0);
  rows.sort((a, b) => depth(a.code) - depth(b.code));
  await db.transaction().execute(async (trx) => {
    for (const row of rows) {
      await trx
        .insertInto('regions')
        .values(row)
        .onConflict((oc) => oc.column('code').doUpdateSet({ parent_code: row.parent_code, level: row.level, name: row.name, name_en: row.name_en, official: row.official, kind: row.kind, lng: row.lng, lat: row.lat }))
        .execute();
    }
    await rebuildRegionClosure(trx);
  });
  return rows.length;
}

export async function rebuildRegionClosure(db: Kysely<Database>): Promise<void> {
  await sql`delete from region_closure`.execute(db);
  await sql`
    insert into region_closure (ancestor_code, code, depth)
    with recursive up (code, ancestor_code, depth) as (
      select code, code, 0 from regions
      union all
      select up.code, r.parent_code, up.depth + 1 from up join regions r on r.code = up.ancestor_code where r.parent_code is not null
    )
    select ancestor_code, code, depth from up`.execute(db);
}
