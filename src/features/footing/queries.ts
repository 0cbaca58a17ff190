import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/tables';
import { DEFAULT_EMERGENCY, type EmergencyAdjustments, effectiveMode, type FootingMode } from '../../domain/footing/footing';

/** The footing in force for one scope (normal when never switched). */
export async function currentFooting(db: Kysely<Database>, scopeType: 'region' | 'school', scopeKey: string): Promise<FootingMode> {
  const row = await db.selectFrom('footings').select('mode').where('scope_type', '=', scopeType).where('scope_key', '=', scopeKey).where('status', '=', 'in_force').executeTakeFirst();
  return row?.mode ?? 'normal';
}

/** Settings of the nearest region (county, city, province) that has any. */
export async function footingSettingsFor(db: Kysely<Database>, regionCode: string) {
  const row = await db
    .selectFrom('footing_settings as f')
    .innerJoin('region_closure as rc', 'rc.ancestor_code', 'f.region_code')
    .select(['f.region_code', 'f.auto_switch', 'f.emergency_adjustments', 'f.campaign_template_id'])
    .where('rc.code', '=', regionCode)
    .orderBy('rc.depth')
    .executeTakeFirst();
  const adjustments = row ? ((typeof row.emergency_adjustments === 'string' ? JSON.parse(row.emergency_adjustments) : row.emergency_adjustments) as EmergencyAdjustments) : DEFAULT_EMERGENCY;
  return { regionCode: row?.region_code ?? null, autoSwitch: row?.auto_switch ?? false, adjustments, campaignTemplateId: row?.campaign_template_id ?? null };
}

/**
 * The footing a school runs under and what it tightens. Other capabilities call this: the daily
 * checks (more sessions), testing (frequency), the gate (rules) and reporting (deadlines).
 */
export async function footingForSchool(db: Kysely<Database>, schoolId: number): Promise<{ mode: FootingMode; source: { scopeType: string; scopeKey: string } | null; adjustments: EmergencyAdjustments | null }> {
  const rows = await sql<{ scope_type: 'region' | 'school'; scope_key: string; mode: FootingMode; region_code: string }>`
    select f.scope_type, f.scope_key, f.mode, s.region_code from schools s
    left join region_closure rc on rc.code = s.region_code
    join footings f on f.status = 'in_force' and ((f.scope_type = 'school' and f.scope_key = s.id::text) or (f.scope_type = 'region' and f.scope_key = rc.ancestor_code))
    where s.id = ${schoolId}`.execute(db);
  const eff = effectiveMode(rows.rows.map((r) => ({ scopeType: r.scope_type, scopeKey: r.scope_key, mode: r.mode })));
  if (eff.mode === 'normal') return { mode: 'normal', source: null, adjustments: null };
  const school = await db.selectFrom('schools').select('region_code').where('id', '=', schoolId).executeTakeFirstOrThrow();
  const settings = await footingSettingsFor(db, school.region_code);
  return { mode: 'emergency', source: { scopeType: eff.from!.scopeType, scopeKey: eff.from!.scopeKey }, adjustments: settings.adjustments };
}
