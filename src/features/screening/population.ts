import { type RawBuilder, sql } from 'kysely';
import type { Trx } from '../../db/transaction';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/tables';

export interface CampaignRow {
  id: number;
  region_code: string;
  name: string;
  population: string[];
  questions: unknown;
  filters: unknown;
  deadline: string;
  status: 'template' | 'open' | 'closed';
}

const parse = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v);
export const filtersOf = (c: Pick<CampaignRow, 'filters'>) => (parse(c.filters) ?? {}) as { schoolIds?: number[]; keyPositionsOnly?: boolean };

/**
 * The campaign's population as a predicate on `persons` under `alias`: active persons of the chosen
 * kinds in the campaign's region, narrowed by its filters. Coverage, answers and links all use this
 * one rule, so "in the population" means the same thing everywhere.
 */
export function inPopulation(c: Pick<CampaignRow, 'region_code' | 'population' | 'filters'>, alias = 'p'): RawBuilder<boolean> {
  const a = (col: string) => sql.ref(`${alias}.${col}`);
  const f = filtersOf(c);
  const schools = f.schoolIds?.length ? sql<boolean>`${a('school_id')} = any(${sql.val(f.schoolIds)}::bigint[])` : sql<boolean>`true`;
  const key = f.keyPositionsOnly ? sql<boolean>`(${a('kind')} <> 'staff' or ${a('key_position')} is not null)` : sql<boolean>`true`;
  return sql<boolean>`(${a('active')} and ${a('kind')} = any(${sql.val(c.population)}::text[]) and ${schools} and ${key}
    and ${a('school_id')} in (select s.id from schools s join region_closure rc on rc.code = s.region_code where rc.ancestor_code = ${c.region_code}))`;
}

export async function loadCampaign(db: Kysely<Database> | Trx, id: number): Promise<CampaignRow | undefined> {
  return db.selectFrom('screening_campaigns').select(['id', 'region_code', 'name', 'population', 'questions', 'filters', 'deadline', 'status']).where('id', '=', id).executeTakeFirst();
}

export function campaignView(c: CampaignRow) {
  return { id: c.id, regionCode: c.region_code, name: c.name, population: c.population, questions: parse(c.questions), filters: filtersOf(c), deadline: c.deadline, status: c.status };
}
