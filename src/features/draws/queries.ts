import { sql } from 'kysely';
import type { Static } from 'typebox';
import { regionInScope } from '../../db/scope';
import type { Actor } from '../../domain/access/scope';
import { DRAW_RECORD_FORMAT, type NormalisedDrawInput } from '../../domain/draws';
import type { AppContext } from '../../http/context';
import { AppError } from '../../http/errors';
import type { DrawListQuery } from './schema';

type DrawRow = {
  id: number; public_id: string; region_code: string; region_name: string; kind: string; period: string; attempt: number; draw_date: string; count: number;
  status: string; commitment: string; input_hash: string; reason: string | null; created_at: Date; revealed_at: Date | null; eligible: number;
};

function baseQuery(ctx: AppContext) {
  return ctx.db
    .selectFrom('draws')
    .innerJoin('regions', 'regions.code', 'draws.region_code')
    .select([
      'draws.id', 'draws.public_id', 'draws.region_code', 'regions.name as region_name', 'draws.kind', 'draws.period', 'draws.attempt', 'draws.draw_date',
      'draws.count', 'draws.status', 'draws.commitment', 'draws.input_hash', 'draws.reason', 'draws.created_at', 'draws.revealed_at',
      sql<number>`jsonb_array_length(draws.input_json -> 'schools')`.as('eligible'),
    ]);
}

async function selections(ctx: AppContext, ids: number[]) {
  if (!ids.length) return new Map<number, { schoolId: number; schoolName: string; rank: number }[]>();
  const rows = await ctx.db.selectFrom('draw_selections as ds').innerJoin('schools as s', 's.id', 'ds.school_id').select(['ds.draw_id', 'ds.school_id', 's.name', 'ds.rank']).where('ds.draw_id', 'in', ids).orderBy('ds.rank').execute();
  const out = new Map<number, { schoolId: number; schoolName: string; rank: number }[]>();
  for (const r of rows) {
    if (!out.has(r.draw_id)) out.set(r.draw_id, []);
    out.get(r.draw_id)!.push({ schoolId: r.school_id, schoolName: r.name, rank: r.rank });
  }
  return out;
}

function toSummary(r: DrawRow, selected: { schoolId: number; schoolName: string; rank: number }[]) {
  return {
    id: r.id, publicId: r.public_id, regionCode: r.region_code, regionName: r.region_name, kind: r.kind, period: r.period, attempt: r.attempt, drawDate: r.draw_date,
    count: r.count, eligible: Number(r.eligible), status: r.status, commitment: r.commitment, inputHash: r.input_hash, reason: r.reason,
    createdAt: r.created_at.toISOString(), revealedAt: r.revealed_at?.toISOString() ?? null, selected,
  };
}

/** Every draw in the caller's regions, repeats included: nothing drawn is ever hidden. */
export async function listDraws(ctx: AppContext, actor: Actor, q: Static<typeof DrawListQuery>) {
  let query = baseQuery(ctx).where(regionInScope(actor.scope, 'draws.region_code'));
  if (q.regionCode) query = query.where(sql<boolean>`draws.region_code in (select code from region_closure where ancestor_code = ${q.regionCode})`);
  if (q.kind) query = query.where('draws.kind', '=', q.kind);
  const rows = (await query.orderBy('draws.draw_date', 'desc').orderBy('draws.id', 'desc').limit(q.limit ?? 100).execute()) as DrawRow[];
  const sel = await selections(ctx, rows.map((r) => r.id));
  return { items: rows.map((r) => toSummary(r, sel.get(r.id) ?? [])) };
}

export async function drawDetail(ctx: AppContext, actor: Actor, id: number) {
  const row = (await baseQuery(ctx).select([sql<boolean>`${regionInScope(actor.scope, 'draws.region_code')}`.as('allowed'), 'draws.seed', 'draws.seed_source', 'draws.result_json']).where('draws.id', '=', id).executeTakeFirst()) as
    | (DrawRow & { allowed: boolean; seed: string | null; seed_source: string; result_json: unknown })
    | undefined;
  if (!row) throw new AppError('error.not_found', 404);
  if (!row.allowed) throw new AppError('error.out_of_scope', 403);
  const sel = await selections(ctx, [id]);
  const result = (typeof row.result_json === 'string' ? JSON.parse(row.result_json) : row.result_json) as { details?: { schoolId: number; rank: number; weight: number; probability: number; explanation: string }[] } | null;
  const names = new Map((sel.get(id) ?? []).map((s) => [s.schoolId, s.schoolName]));
  const same = await ctx.db.selectFrom('draws').select(['id', 'attempt', 'status', 'reason']).where('region_code', '=', row.region_code).where('kind', '=', row.kind as 'weekly_spot_check').where('period', '=', row.period).orderBy('attempt').execute();
  return {
    draw: toSummary(row, sel.get(id) ?? []),
    seed: row.seed,
    seedSource: row.seed_source,
    explanations: (result?.details ?? []).map((d) => ({ rank: d.rank, schoolId: d.schoolId, schoolName: names.get(d.schoolId) ?? '', weight: d.weight, probability: d.probability, explanation: d.explanation })),
    samePeriod: same,
  };
}

/**
 * The public verification record, exactly the JSON `campusguard verify-draw` reads. Before the draw it
 * holds what was published in advance (commitment, input hash, parameters, eligible list); after it the
 * seed and the result too.
 */
export async function publicDrawRecord(ctx: AppContext, publicId: string) {
  const row = await ctx.db.selectFrom('draws').select(['commitment', 'input_hash', 'input_json', 'seed', 'status', 'result_json']).where('public_id', '=', publicId).executeTakeFirst();
  if (!row) throw new AppError('error.not_found', 404);
  const input = (typeof row.input_json === 'string' ? JSON.parse(row.input_json) : row.input_json) as NormalisedDrawInput;
  const base = { format: DRAW_RECORD_FORMAT as typeof DRAW_RECORD_FORMAT, commitment: row.commitment, inputHash: row.input_hash, params: input.params, schools: input.schools };
  if (row.status !== 'revealed') return base;
  const result = (typeof row.result_json === 'string' ? JSON.parse(row.result_json) : row.result_json) as { selected: string[] };
  return { ...base, seed: row.seed!, result: { selected: result.selected } };
}
