import { hkdfSync } from 'node:crypto';
import { sql } from 'kysely';
import type { Static } from 'typebox';
import { personInScope, regionInScope, schoolInScope } from '../../db/scope';
import { inTransaction } from '../../db/transaction';
import type { Actor } from '../../domain/access/scope';
import { coveragePercent } from '../../domain/screening/coverage';
import { signFields } from '../../domain/venue-codes/signed-token';
import type { AppContext } from '../../http/context';
import { AppError } from '../../http/errors';
import type { FieldCipher } from '../../security/crypto';
import { writeAudit } from '../audit/write-audit';
import { assertRegionInScope, schoolToday } from '../cases/school-date';
import { assertClassInScope, assertPersonInScope } from '../scope-guard';
import { isGrouping, saveAnswer } from './answer';
import { campaignView, inPopulation, loadCampaign } from './population';
import type { AnswerBody, CampaignBody, CoverageQuery } from './schema';

const keys = new WeakMap<FieldCipher, Buffer>();
/** The key that signs parents' links, derived from the master key as the venue-code keys are. */
export function linkKey(cipher: FieldCipher): Buffer {
  let k = keys.get(cipher);
  if (!k) {
    const seed = Buffer.from(cipher.lookupHash('campusguard:screening-link-signing'), 'hex');
    k = Buffer.from(hkdfSync('sha256', seed, Buffer.alloc(0), 'campusguard:screening-link', 32));
    keys.set(cipher, k);
  }
  return k;
}

export async function createCampaign(ctx: AppContext, actor: Actor, body: Static<typeof CampaignBody>, ip: string) {
  await assertRegionInScope(ctx, actor, body.regionCode);
  if (body.deadline < schoolToday(ctx)) throw new AppError('screening.deadline_past', 400, { field: 'deadline' });
  const q = body.questions;
  if (q.travelFrom && q.travelTo && q.travelTo < q.travelFrom) throw new AppError('screening.travel_window', 400, { field: 'questions.travelTo' });
  const schoolIds = body.filters?.schoolIds ?? [];
  if (schoolIds.length) {
    const inside = await ctx.db.selectFrom('schools as s').innerJoin('region_closure as rc', 'rc.code', 's.region_code').select('s.id').where('rc.ancestor_code', '=', body.regionCode).where('s.id', 'in', schoolIds).execute();
    const ok = new Set(inside.map((r) => r.id));
    const bad = schoolIds.findIndex((id) => !ok.has(id));
    if (bad >= 0) throw new AppError('screening.school_outside', 400, { field: `filters/schoolIds/${bad}` });
  }
  return inTransaction(ctx.db, async (trx) => {
    const row = await trx
      .insertInto('screening_campaigns')
      .values({ region_code: body.regionCode, name: body.name, population: body.population, questions: JSON.stringify(q), filters: JSON.stringify(body.filters ?? {}), deadline: body.deadline, status: body.status ?? 'open', created_by: actor.accountId, created_at: ctx.now() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { action: 'screening.create', objectType: 'screening_campaign', objectId: row.id, detail: { regionCode: body.regionCode, population: body.population }, ip });
    return { id: row.id };
  });
}

/** A campaign the caller reaches: a bureau inside its region, a school whose region the campaign covers. */
export async function campaignInScope(ctx: AppContext, actor: Actor, id: number) {
  const c = await loadCampaign(ctx.db, id);
  if (!c) throw new AppError('error.not_found', 404);
  const reach = await sql<{ ok: boolean }>`select (${regionInScope(actor.scope, 'x.code')} or exists (
      select 1 from schools s join region_closure rc on rc.code = s.region_code where rc.ancestor_code = x.code and ${schoolInScope(actor.scope, 's.id')})) as ok
    from (select ${c.region_code}::text as code) x`.execute(ctx.db);
  if (!reach.rows[0]?.ok) throw new AppError('error.out_of_scope', 403);
  return c;
}

export async function listCampaigns(ctx: AppContext, actor: Actor) {
  const rows = await ctx.db
    .selectFrom('screening_campaigns as c')
    .select(['c.id', 'c.region_code', 'c.name', 'c.population', 'c.questions', 'c.filters', 'c.deadline', 'c.status'])
    .where((eb) => eb.or([regionInScope(actor.scope, 'c.region_code'), sql<boolean>`exists (select 1 from schools s join region_closure rc on rc.code = s.region_code where rc.ancestor_code = c.region_code and ${schoolInScope(actor.scope, 's.id')})`]))
    .orderBy('c.id', 'desc')
    .execute();
  return { items: rows.map(campaignView) };
}

/**
 * Coverage by county, school or class inside the caller's scope: the population (the campaign's one
 * rule) against the answers on record. Computed live on every request, so it moves as answers arrive.
 */
export async function coverage(ctx: AppContext, actor: Actor, id: number, q: Static<typeof CoverageQuery>) {
  const c = await campaignInScope(ctx, actor, id);
  const level: 'region' | 'school' | 'class' = (q.level as 'region' | 'school' | 'class' | undefined) ?? 'school';
  const key = level === 'region' ? sql`r.code` : level === 'school' ? sql`s.id::text` : sql`coalesce(cl.id::text, 'staff')`;
  const name = level === 'region' ? sql`r.name` : level === 'school' ? sql`s.name` : sql`coalesce(g.name || cl.name, '')`;
  const school = q.schoolId ? sql`and p.school_id = ${q.schoolId}` : sql``;
  const rows = await sql<{ key: string; name: string; school_id: number | null; population: number; answered: number }>`
    select ${key} as key, ${name} as name, ${level === 'region' ? sql`null` : sql`min(s.id)`} as school_id, count(*)::int as population, count(a.person_id)::int as answered
    from persons p
    join schools s on s.id = p.school_id
    join regions r on r.code = s.region_code
    left join classes cl on cl.id = coalesce(p.class_id, (select h.class_id from persons h where h.id = p.household_of))
    left join grades g on g.id = cl.grade_id
    left join screening_answers a on a.campaign_id = ${c.id} and a.person_id = p.id
    where ${inPopulation(c)} and ${personInScope(actor.scope, 'p')} ${school}
    group by 1, 2 order by 2`.execute(ctx.db);
  const items = rows.rows.map((r) => ({ key: r.key, name: r.name, schoolId: r.school_id == null ? null : Number(r.school_id), population: Number(r.population), answered: Number(r.answered), percent: coveragePercent(Number(r.answered), Number(r.population)) }));
  const population = items.reduce((n, r) => n + r.population, 0);
  const answered = items.reduce((n, r) => n + r.answered, 0);
  return { campaign: campaignView(c), level, items, total: { population, answered, percent: coveragePercent(answered, population) } };
}

/** The figures a bureau reports: how many answered, returned, from where (by city), in risk areas, with symptoms, high-risk occupations, proposals. */
export async function summary(ctx: AppContext, actor: Actor, id: number) {
  const c = await campaignInScope(ctx, actor, id);
  const scoped = sql`join persons p on p.id = a.person_id where a.campaign_id = ${c.id} and ${personInScope(actor.scope, 'p')}`;
  const t = (await sql<{ answered: number; returned: number; risk_area: number; symptoms: number; high_risk: number; proposals: number }>`
    select count(*)::int as answered, count(*) filter (where a.returned)::int as returned, count(*) filter (where a.risk_area)::int as risk_area,
      count(*) filter (where a.symptoms)::int as symptoms, count(*) filter (where (a.answers->>'highRiskOccupation')::boolean)::int as high_risk,
      count(*) filter (where jsonb_array_length(a.answers->'proposals') > 0)::int as proposals
    from screening_answers a ${scoped}`.execute(ctx.db)).rows[0];
  // Answers stored before the placeholder grouping was recognised name 419000: their county-level city is
  // taken from the first stay, so the list says 济源市, not 省直辖县级行政区划.
  const from = await sql<{ code: string; name: string; n: number }>`
    select coalesce(own.code, a.from_region) as code, coalesce(r.name, a.from_region) as name, count(*)::int as n
    from screening_answers a
    left join regions fr on fr.code = a.from_region
    left join lateral (select rc.ancestor_code as code from region_closure rc join regions c on c.code = rc.ancestor_code
      where ${isGrouping('fr')} and rc.code = a.answers->'travel'->0->>'regionCode' and c.level = 'county') own on true
    left join regions r on r.code = coalesce(own.code, a.from_region)
    ${scoped} and a.returned and a.from_region is not null
    group by 1, 2 order by 3 desc, 1`.execute(ctx.db);
  const cov = await coverage(ctx, actor, id, { level: 'region' as never });
  return {
    campaign: campaignView(c), population: cov.total.population, answered: Number(t.answered), percent: cov.total.percent, returned: Number(t.returned),
    fromRegions: from.rows.map((r) => ({ regionCode: r.code, name: r.name, count: Number(r.n) })), riskArea: Number(t.risk_area), symptoms: Number(t.symptoms),
    highRiskOccupations: Number(t.high_risk), withProposals: Number(t.proposals),
  };
}

/** A teacher, school health staff or a parent answers for a person in their scope. */
export async function answerAuthenticated(ctx: AppContext, actor: Actor, id: number, body: Static<typeof AnswerBody>, ip: string) {
  const c = await campaignInScope(ctx, actor, id);
  await assertPersonInScope(ctx, actor, body.personId);
  const via = actor.role === 'parent' ? 'parent' : actor.role === 'class_teacher' ? 'teacher' : 'staff';
  return saveAnswer(ctx, actor, c, body.personId, body.answers, via, ip);
}

/** Signed links for the parents of a class, valid until the campaign's deadline. */
export async function classLinks(ctx: AppContext, actor: Actor, id: number, classId: number, ip: string) {
  const c = await campaignInScope(ctx, actor, id);
  await assertClassInScope(ctx, actor, classId);
  const rows = await ctx.db
    .selectFrom('persons as p')
    .leftJoin('screening_answers as a', (j) => j.onRef('a.person_id', '=', 'p.id').on('a.campaign_id', '=', c.id))
    .select(['p.id', 'p.name', 'a.answered_at'])
    .where('p.class_id', '=', classId)
    .where('p.kind', '=', 'student')
    .where('p.active', '=', true)
    .orderBy('p.name')
    .execute();
  const expires = c.deadline.replaceAll('-', '');
  await writeAudit(ctx.db, actor, { action: 'screening.links', objectType: 'class', objectId: classId, detail: { campaignId: c.id, count: rows.length }, ip });
  return {
    items: rows.map((r) => {
      const token = signFields(linkKey(ctx.cipher), 'sc', [String(c.id), String(r.id), expires]);
      return { personId: r.id, name: r.name, answered: r.answered_at != null, token, path: `/s/${token}` };
    }),
  };
}
