import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/tables';
import { SHIPPED_PROFILES } from '../../domain/policies/profiles';
import type { PolicyRules } from '../../domain/policies/types';
import { AppError } from '../../http/errors';

export interface EffectivePolicy {
  id: number;
  disease: string;
  regionCode: string | null;
  version: number;
  rules: PolicyRules;
}

const parse = (rules: unknown): PolicyRules => (typeof rules === 'string' ? JSON.parse(rules) : rules) as PolicyRules;

/** Writes the shipped national profile as version 1 the first time a disease is used (idempotent). */
async function ensureShipped(db: Kysely<Database>, disease: string): Promise<void> {
  const rules = SHIPPED_PROFILES[disease];
  if (!rules) return;
  await sql`insert into disease_policies (disease, region_code, version, rules, note)
    values (${disease}, null, 1, ${JSON.stringify(rules)}::jsonb, 'shipped profile')
    on conflict do nothing`.execute(db);
}

/**
 * The policy in force for a region: the latest version of the nearest edited ancestor (county,
 * city, province), else the national profile. Decisions store its id, so the version is on record.
 */
export async function effectivePolicy(db: Kysely<Database>, disease: string, regionCode: string | null): Promise<EffectivePolicy> {
  const find = () =>
    db
      .selectFrom('disease_policies as p')
      .leftJoin('region_closure as rc', (j) => j.onRef('rc.ancestor_code', '=', 'p.region_code').on('rc.code', '=', regionCode ?? ''))
      .select(['p.id', 'p.disease', 'p.region_code', 'p.version', 'p.rules'])
      .where('p.disease', '=', disease)
      .where((eb) => eb.or([eb('p.region_code', 'is', null), eb('rc.code', 'is not', null)]))
      .orderBy(sql`coalesce(rc.depth, 1000)`)
      .orderBy('p.version', 'desc')
      .limit(1)
      .executeTakeFirst();
  let row = await find();
  if (!row) {
    await ensureShipped(db, disease);
    row = await find();
  }
  if (!row) throw new AppError('policy.disease_unknown', 400, { field: 'disease' });
  return { id: row.id, disease: row.disease, regionCode: row.region_code, version: row.version, rules: parse(row.rules) };
}

export async function effectivePolicyForSchool(db: Kysely<Database>, disease: string, schoolId: number): Promise<EffectivePolicy> {
  const school = await db.selectFrom('schools').select('region_code').where('id', '=', schoolId).executeTakeFirstOrThrow();
  return effectivePolicy(db, disease, school.region_code);
}

export async function policyById(db: Kysely<Database>, id: number): Promise<EffectivePolicy> {
  const row = await db.selectFrom('disease_policies').select(['id', 'disease', 'region_code', 'version', 'rules']).where('id', '=', id).executeTakeFirstOrThrow();
  return { id: row.id, disease: row.disease, regionCode: row.region_code, version: row.version, rules: parse(row.rules) };
}

export async function policyVersions(db: Kysely<Database>, disease: string) {
  const rows = await db
    .selectFrom('disease_policies as p')
    .leftJoin('regions as r', 'r.code', 'p.region_code')
    .leftJoin('accounts as a', 'a.id', 'p.created_by')
    .select(['p.id', 'p.region_code', 'r.name as region_name', 'p.version', 'p.note', 'p.created_at', 'a.display_name'])
    .where('p.disease', '=', disease)
    .orderBy('p.region_code')
    .orderBy('p.version', 'desc')
    .execute();
  return rows.map((r) => ({ id: r.id, regionCode: r.region_code, regionName: r.region_name, version: r.version, note: r.note, createdAt: r.created_at.toISOString(), createdBy: r.display_name }));
}
