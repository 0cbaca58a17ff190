import { sql } from 'kysely';
import type { Static } from 'typebox';
import { verifyFields } from '../../domain/venue-codes/signed-token';
import type { AppContext } from '../../http/context';
import { AppError } from '../../http/errors';
import { writeAudit } from '../audit/write-audit';
import { schoolToday } from '../cases/school-date';
import { saveAnswer } from './answer';
import { campaignView, inPopulation, loadCampaign } from './population';
import type { AnswerBody } from './schema';
import { linkKey } from './service';

/**
 * Parents answer through a link without an account: a signed token names the campaign, the student
 * and the last valid day. Requests per address are limited (a sliding minute, per app instance), so
 * the public route cannot be used to probe tokens or flood answers.
 */
const WINDOW_MS = 60_000;
export const LINK_REQUESTS_PER_MINUTE = 30;
// Per app (each test database builds its own), so one instance's traffic never throttles another's.
const limiters = new WeakMap<AppContext, Map<string, number[]>>();

export function throttle(ctx: AppContext, ip: string) {
  const now = ctx.now().getTime();
  let hits = limiters.get(ctx);
  if (!hits) limiters.set(ctx, (hits = new Map()));
  const recent = (hits.get(ip) ?? []).filter((t) => t > now - WINDOW_MS);
  if (recent.length >= LINK_REQUESTS_PER_MINUTE) throw new AppError('screening.rate_limited', 429);
  recent.push(now);
  hits.set(ip, recent);
  if (hits.size > 10_000) for (const [k, v] of hits) if (!v.some((t) => t > now - WINDOW_MS)) hits.delete(k);
}

async function fromToken(ctx: AppContext, token: string) {
  const check = verifyFields(linkKey(ctx.cipher), 'sc', 3, token);
  if (!check.ok) throw new AppError('screening.link_invalid', 400, { field: 'token' });
  const [campaignId, studentId, expires] = check.fields.map(String);
  if (!/^\d{8}$/.test(expires)) throw new AppError('screening.link_invalid', 400, { field: 'token' });
  const last = `${expires.slice(0, 4)}-${expires.slice(4, 6)}-${expires.slice(6)}`;
  if (last < schoolToday(ctx)) throw new AppError('screening.link_expired', 410, { field: 'token' });
  const c = await loadCampaign(ctx.db, Number(campaignId));
  if (!c) throw new AppError('screening.link_invalid', 400, { field: 'token' });
  return { c, studentId: Number(studentId) };
}

/** The student and the household members the link may answer for (those in the population), masked. */
async function household(ctx: AppContext, c: NonNullable<Awaited<ReturnType<typeof loadCampaign>>>, studentId: number) {
  const rows = await sql<{ id: number; name: string; kind: string; relation: string | null; answered: boolean }>`
    select p.id, p.name, p.kind, p.relation, exists (select 1 from screening_answers a where a.campaign_id = ${c.id} and a.person_id = p.id) as answered
    from persons p where (p.id = ${studentId} or p.household_of = ${studentId}) and ${inPopulation(c)} order by p.kind desc, p.id`.execute(ctx.db);
  return rows.rows.map((r) => ({ personId: Number(r.id), name: `${[...r.name][0]}${'*'.repeat(Math.max([...r.name].length - 1, 1))}`, kind: r.kind, relation: r.relation, answered: r.answered }));
}

export async function linkView(ctx: AppContext, token: string, ip: string) {
  throttle(ctx, ip);
  const { c, studentId } = await fromToken(ctx, token);
  const persons = await household(ctx, c, studentId);
  const { questions, name, deadline, status } = campaignView(c);
  return { campaign: { name, deadline, status, questions }, persons };
}

export async function linkAnswer(ctx: AppContext, token: string, body: Static<typeof AnswerBody>, ip: string) {
  throttle(ctx, ip);
  const { c, studentId } = await fromToken(ctx, token);
  const allowed = await household(ctx, c, studentId);
  if (!allowed.some((p) => p.personId === body.personId)) {
    await writeAudit(ctx.db, null, { action: 'screening.answer', objectType: 'person', objectId: body.personId, result: 'denied', detail: { campaignId: c.id, via: 'link' }, ip });
    throw new AppError('screening.not_in_population', 400, { field: 'personId' });
  }
  const r = await saveAnswer(ctx, null, c, body.personId, body.answers, 'parent', ip);
  // The parent sees only that the answer arrived, not the health figures derived from it.
  return { ok: true, personId: r.personId, persons: await household(ctx, c, studentId) };
}
