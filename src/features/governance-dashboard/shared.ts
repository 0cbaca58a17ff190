import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { regionInScope } from '../../db/scope';
import type { Database } from '../../db/tables';
import type { Actor } from '../../domain/access/scope';
import { DrawError } from '../../domain/draws/errors';
import { PairingError } from '../../domain/pairing/errors';
import type { AppContext } from '../../http/context';
import { AppError } from '../../http/errors';
import { writeAudit } from '../audit/write-audit';

/** Helpers the governance capabilities share: school dates, region checks, domain errors as AppErrors. */

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** The school date ('YYYY-MM-DD', Asia/Shanghai, no daylight saving) of an instant. */
export function schoolDateOf(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant of a local (Asia/Shanghai) wall-clock time on a school date. */
export function shanghaiInstant(date: string, hhmm: string): Date {
  return new Date(Date.parse(`${date}T${hhmm}:00Z`) - SHANGHAI_OFFSET_MS);
}

/** ISO week label ('2026-W49') of a school date: the period of a weekly spot check. */
export function isoWeekOf(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const day = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - day + 3);
  const year = d.getUTCFullYear();
  const jan4 = new Date(Date.UTC(year, 0, 4));
  // d is the Thursday of the week; week 1 is the week holding 4 January.
  const week = 1 + Math.round(((d.getTime() - jan4.getTime()) / 86_400_000 - 3 + ((jan4.getUTCDay() + 6) % 7)) / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Monday of the ISO week of a school date. */
export function mondayOf(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}

export interface RegionRow {
  code: string;
  level: 'province' | 'city' | 'county';
  name: string;
}

/** 400 when the region is unknown, 403 (audited) when it lies outside the caller's scope. */
export async function assertRegionInScope(ctx: AppContext, actor: Actor, regionCode: string, field = 'regionCode'): Promise<RegionRow> {
  const row = await ctx.db
    .selectFrom('regions')
    .select(['code', 'level', 'name', sql<boolean>`${regionInScope(actor.scope, 'regions.code')}`.as('allowed')])
    .where('code', '=', regionCode)
    .executeTakeFirst();
  if (!row) throw new AppError('governance.region_unknown', 400, { field });
  if (!row.allowed) {
    await writeAudit(ctx.db, actor, { action: 'access.denied', objectType: 'region', objectId: regionCode, result: 'denied' });
    throw new AppError('error.out_of_scope', 403, { field });
  }
  return { code: row.code, level: row.level, name: row.name };
}

/** A bureau account's own region, or the region its query names. */
export function regionOfActor(actor: Actor, requested?: string): string | null {
  if (requested) return requested;
  return actor.scope.kind === 'region' ? actor.scope.regionCode : null;
}

/** The county and every ancestor of a school, nearest first. */
export async function regionChainOfSchool(db: Kysely<Database>, schoolId: number): Promise<{ code: string; level: string }[]> {
  const rows = await db
    .selectFrom('schools')
    .innerJoin('region_closure as rc', 'rc.code', 'schools.region_code')
    .innerJoin('regions as r', 'r.code', 'rc.ancestor_code')
    .select(['r.code', 'r.level', 'rc.depth'])
    .where('schools.id', '=', schoolId)
    .orderBy('rc.depth')
    .execute();
  return rows.map((r) => ({ code: r.code, level: r.level }));
}

/** The domain cores throw typed errors with an i18n code and a field; the HTTP layer needs AppError. */
export function asAppError(e: unknown, fieldMap: Record<string, string> = {}): unknown {
  if (e instanceof DrawError || e instanceof PairingError) {
    const field = fieldMap[e.code] ?? fieldMap[e.field] ?? e.field;
    return new AppError(e.code, 400, { field, ...e.details }, e.details);
  }
  return e;
}

/** Takes a school-level or region-level place and checks it; returns the region of the object. */
export async function placeRegion(ctx: AppContext, schoolId: number | null | undefined): Promise<string> {
  if (!schoolId) throw new AppError('validation.required', 400, { field: 'schoolId' });
  const row = await ctx.db.selectFrom('schools').select('region_code').where('id', '=', schoolId).executeTakeFirst();
  if (!row) throw new AppError('error.not_found', 404, { field: 'schoolId' });
  return row.region_code;
}
