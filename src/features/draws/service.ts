import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Static } from 'typebox';
import { inTransaction, type Trx } from '../../db/transaction';
import type { Actor } from '../../domain/access/scope';
import { canonicalJson, sha256Hex, drawSchools, makeCommitment, normaliseDrawInput, type EligibleSchool, type NormalisedDrawInput } from '../../domain/draws';
import { levelOfRegion } from '../../domain/inspections/methods';
import type { AppContext } from '../../http/context';
import { AppError } from '../../http/errors';
import { writeAudit } from '../audit/write-audit';
import { ensureGuidanceChecklist } from '../checklists/guidance';
import { asAppError, assertRegionInScope, isoWeekOf, mondayOf, schoolDateOf, shanghaiInstant } from '../governance-dashboard/shared';
import type { CreateDrawBody, PerformDrawBody } from './schema';

const FIELD_MAP = { 'draw.too_few_eligible': 'count', 'draw.count_out_of_range': 'count', 'draw.count_invalid': 'count', 'params.drawDate': 'drawDate' };

/** A refusal of the draw rules; a kind with one allowed count (a daily draw: 5) says "须为 5 所", not "5–5". */
function drawRefusal(e: unknown): unknown {
  const err = asAppError(e, FIELD_MAP);
  if (err instanceof AppError && err.code === 'draw.count_out_of_range' && err.params.min === err.params.max) {
    return new AppError('draw.count_exact', 400, { ...err.params, count: err.params.min }, err.details);
  }
  return err;
}

/** Eligible schools of a region for a draw: every school in it, with the date it was last drawn for this kind. */
async function eligibleSchools(trx: Trx, regionCode: string, kind: string, drawDate: string): Promise<EligibleSchool[]> {
  const rows = await sql<{ code: string; county: string; type: string; last: string | null }>`
    select s.code, s.region_code as county, s.type,
      (select to_char(max(d.draw_date), 'YYYY-MM-DD') from draw_selections ds join draws d on d.id = ds.draw_id
        where ds.school_id = s.id and d.kind = ${kind} and d.status = 'revealed' and d.draw_date <= ${drawDate}) as last
    from schools s join region_closure rc on rc.code = s.region_code
    where rc.ancestor_code = ${regionCode}
    order by s.code`.execute(trx);
  return rows.rows.map((r) => ({ id: r.code, county: r.county, schoolType: r.type, lastDrawnOn: r.last }));
}

/**
 * Step 1: fix the eligible list and publish the commitment and the input hash. The server's seed is
 * sealed with the field cipher until the draw is performed; nobody (the bureau included) sees it before.
 */
export async function createDraw(ctx: AppContext, actor: Actor, body: Static<typeof CreateDrawBody>, ip: string) {
  const region = await assertRegionInScope(ctx, actor, body.regionCode);
  if (region.level === 'province') throw new AppError('draw.region_level', 400, { field: 'regionCode' });
  const today = schoolDateOf(ctx.now());
  const drawDate = body.drawDate ?? today;
  if (drawDate < today) throw new AppError('draw.date_in_past', 400, { field: 'drawDate' });
  const period = body.kind === 'weekly_spot_check' ? isoWeekOf(drawDate) : drawDate;
  return inTransaction(ctx.db, async (trx) => {
    // One writer per region, kind and period, so two officers cannot both take attempt 1.
    await sql`select pg_advisory_xact_lock(hashtext(${`draw:${body.regionCode}:${body.kind}:${period}`}))`.execute(trx);
    const earlier = await trx.selectFrom('draws').select((eb) => eb.fn.countAll<number>().as('n')).where('region_code', '=', body.regionCode).where('kind', '=', body.kind).where('period', '=', period).executeTakeFirstOrThrow();
    const attempt = Number(earlier.n) + 1;
    if (attempt > 1 && !body.reason?.trim()) throw new AppError('draw.repeat_needs_reason', 400, { field: 'reason' });
    const publicId = `${body.regionCode}-${body.kind === 'weekly_spot_check' ? 'weekly' : 'daily'}-${period}-${attempt}`;
    const schools = await eligibleSchools(trx, body.regionCode, body.kind, drawDate);
    let input: NormalisedDrawInput;
    try {
      input = normaliseDrawInput({ params: { drawId: publicId, kind: body.kind, drawDate, count: body.count }, schools });
    } catch (e) {
      throw drawRefusal(e);
    }
    const canonical = canonicalJson(input);
    const seed = body.commitment ? null : randomBytes(32).toString('hex');
    const commitment = body.commitment?.toLowerCase() ?? makeCommitment(seed!);
    const row = await trx
      .insertInto('draws')
      .values({
        public_id: publicId, region_code: body.regionCode, kind: body.kind, period, attempt, draw_date: drawDate, count: body.count,
        commitment, input_hash: sha256Hex(canonical), input_json: canonical, seed_source: seed ? 'server' : 'bureau',
        seed_sealed: seed ? ctx.cipher.encrypt(seed) : null, seed: null, result_json: null, reason: body.reason?.trim() || null,
        created_by: actor.accountId, created_at: ctx.now(), revealed_by: null, revealed_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { action: 'draw.commit', objectType: 'draw', objectId: row.id, detail: { publicId, attempt, eligible: schools.length, reason: body.reason ?? null }, ip });
    return { id: row.id, publicId };
  });
}

/**
 * Step 2: open the commitment, draw, record the selection and give the drawn schools their work: a
 * weekly spot check becomes an unannounced random inspection, a daily draw a self-report due that evening.
 */
export async function performDraw(ctx: AppContext, actor: Actor, drawId: number, body: Static<typeof PerformDrawBody>, ip: string) {
  const draw = await ctx.db.selectFrom('draws').selectAll().where('id', '=', drawId).executeTakeFirst();
  if (!draw) throw new AppError('error.not_found', 404);
  const region = await assertRegionInScope(ctx, actor, draw.region_code);
  if (draw.status === 'revealed') throw new AppError('draw.already_revealed', 409);
  let seed: string;
  if (draw.seed_source === 'server') {
    if (body.seed !== undefined) throw new AppError('draw.seed_not_expected', 400, { field: 'seed' });
    seed = ctx.cipher.decrypt(draw.seed_sealed!);
  } else {
    if (!body.seed) throw new AppError('draw.seed_required', 400, { field: 'seed' });
    seed = body.seed.toLowerCase();
  }
  const input = (typeof draw.input_json === 'string' ? JSON.parse(draw.input_json) : draw.input_json) as NormalisedDrawInput;
  let outcome: ReturnType<typeof drawSchools>;
  try {
    outcome = drawSchools({ seed, commitment: draw.commitment, params: input.params, schools: input.schools });
  } catch (e) {
    throw drawRefusal(e);
  }
  const now = ctx.now();
  return inTransaction(ctx.db, async (trx) => {
    // Re-read under a row lock: two officers pressing "perform" at once reveal once.
    const locked = await trx.selectFrom('draws').select('status').where('id', '=', drawId).forUpdate().executeTakeFirstOrThrow();
    if (locked.status === 'revealed') throw new AppError('draw.already_revealed', 409);
    const codes = outcome.selected.map((s) => s.schoolId);
    const schools = await trx.selectFrom('schools').select(['id', 'code']).where('code', 'in', codes).execute();
    const idOf = new Map(schools.map((s) => [s.code, s.id]));
    const selected = outcome.selected.map((s) => ({ code: s.schoolId, schoolId: idOf.get(s.schoolId)!, rank: s.rank, weight: s.weight, probability: s.inclusionProbability, explanation: s.explanation }));
    await trx
      .updateTable('draws')
      .set({ status: 'revealed', seed, seed_sealed: null, result_json: JSON.stringify({ selected: codes, details: selected, strata: outcome.strata }), revealed_by: actor.accountId, revealed_at: now })
      .where('id', '=', drawId)
      .execute();
    await trx.insertInto('draw_selections').values(selected.map((s) => ({ draw_id: drawId, school_id: s.schoolId, rank: s.rank, weight: s.weight, probability: s.probability }))).execute();
    const versionId = await ensureGuidanceChecklist(trx, now);
    if (draw.kind === 'weekly_spot_check') {
      // Unannounced: the school learns of the visit when the inspector arrives (hidden until completed).
      const scheduled = draw.draw_date > mondayOf(draw.draw_date) ? draw.draw_date : mondayOf(draw.draw_date);
      for (const s of selected) {
        const ins = await trx
          .insertInto('inspections')
          .values({ school_id: s.schoolId, region_code: draw.region_code, level: levelOfRegion(region.level), method: 'random_spot_check', unannounced: true, status: 'planned', scheduled_on: scheduled, checklist_version_id: versionId, draw_id: drawId, score: null, created_by: actor.accountId, created_at: now, started_at: null, completed_at: null })
          .returning('id')
          .executeTakeFirstOrThrow();
        await trx.insertInto('inspection_inspectors').values({ inspection_id: ins.id, account_id: actor.accountId }).execute();
      }
    } else {
      const evening = shanghaiInstant(draw.draw_date, '20:00');
      const due = evening.getTime() - now.getTime() < 4 * 3_600_000 ? new Date(now.getTime() + 4 * 3_600_000) : evening;
      await trx.insertInto('self_reports').values(selected.map((s) => ({ draw_id: drawId, school_id: s.schoolId, checklist_version_id: versionId, due_at: due, status: 'pending' as const, answers: null, risk_level: null, risk_assessment: null, submitted_by: null, submitted_at: null, submit_key: null, escalated_at: null, reviewed_by: null, reviewed_at: null, review_note: null, created_at: now }))).execute();
    }
    await writeAudit(trx, actor, { action: 'draw.reveal', objectType: 'draw', objectId: drawId, detail: { publicId: draw.public_id, selected: codes }, ip });
    return { id: drawId, publicId: draw.public_id, selected: selected.map((s) => ({ schoolId: s.schoolId, rank: s.rank })) };
  });
}
