import { sql } from 'kysely';
import { regionInScope } from '../../db/scope';
import type { Actor } from '../../domain/access/scope';
import type { AppContext } from '../../http/context';
import { AppError } from '../../http/errors';

/** Today's school date (Asia/Shanghai, UTC+8 without daylight saving) from the injected clock. */
export function schoolToday(ctx: Pick<AppContext, 'now'>): string {
  return new Date(ctx.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** A region the caller may act on: 400 naming the field when unknown, 403 when outside the scope. */
export async function assertRegionInScope(ctx: AppContext, actor: Actor, regionCode: string, field = 'regionCode'): Promise<{ level: string; name: string }> {
  const row = await ctx.db
    .selectFrom('regions')
    .select(['level', 'name', sql<boolean>`${regionInScope(actor.scope, 'regions.code')}`.as('allowed')])
    .where('code', '=', regionCode)
    .executeTakeFirst();
  if (!row) throw new AppError('response.region_unknown', 400, { field });
  if (!row.allowed) throw new AppError('error.out_of_scope', 403, { field });
  return { level: row.level, name: row.name };
}
