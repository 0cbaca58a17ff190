import { type Kysely, sql } from 'kysely';
import type { Static } from 'typebox';
import type { Database } from '../../db/tables';
import { inTransaction } from '../../db/transaction';
import type { Actor } from '../../domain/access/scope';
import { returnCheck } from '../../domain/leave/return-check';
import { isolationPlan } from '../../domain/policies/decide';
import { isHighRiskOccupation } from '../../domain/screening/occupation';
import type { AppContext } from '../../http/context';
import { AppError } from '../../http/errors';
import { writeAudit } from '../audit/write-audit';
import { schoolToday } from '../cases/school-date';
import { notifyRiskChanges } from '../cases/service';
import { effectivePolicyForSchool } from '../policies/queries';
import { recomputeRisk } from '../risk/recompute';
import { type CampaignRow, inPopulation } from './population';
import type { AnswerFields } from './schema';

type Answers = Static<typeof AnswerFields>;

/**
 * Stores one person's answer (a retry replaces it, so nobody counts twice): the stays become travel
 * records of this campaign, a co-resident's occupation goes into the person file with its risk,
 * the risk status is recomputed and the policy's isolation or tests are proposed. An answer for
 * someone outside the campaign's population is refused and nothing is written.
 */
export async function saveAnswer(ctx: AppContext, actor: Actor | null, c: CampaignRow, personId: number, answers: Answers, via: 'teacher' | 'parent' | 'staff', ip: string) {
  const today = schoolToday(ctx);
  if (c.status !== 'open' || c.deadline < today) throw new AppError('screening.closed', 409, { field: 'campaignId' });
  const person = await sql<{ id: number; school_id: number; kind: string }>`select p.id, p.school_id, p.kind from persons p where p.id = ${personId} and ${inPopulation(c)}`.execute(ctx.db);
  const p = person.rows[0];
  if (!p) throw new AppError('screening.not_in_population', 400, { field: 'personId' });
  for (const [i, s] of answers.travel.entries()) {
    if (s.fromDate > s.toDate || s.fromDate > today) throw new AppError('screening.travel_dates', 400, { field: `answers/travel/${i}/fromDate` });
    // A stay is reported after it happened: one still running ends today at the latest.
    if (s.toDate > today) throw new AppError('screening.travel_dates', 400, { field: `answers/travel/${i}/toDate` });
  }
  const codes = [...new Set([...answers.travel.map((s) => s.regionCode), ...(answers.residenceRegionCode ? [answers.residenceRegionCode] : [])])];
  if (codes.length) {
    const known = new Set((await ctx.db.selectFrom('regions').select('code').where('code', 'in', codes).execute()).map((r) => r.code));
    const bad = answers.travel.findIndex((s) => !known.has(s.regionCode));
    if (bad >= 0) throw new AppError('response.region_unknown', 400, { field: `answers/travel/${bad}/regionCode` });
    if (answers.residenceRegionCode && !known.has(answers.residenceRegionCode)) throw new AppError('response.region_unknown', 400, { field: 'answers/residenceRegionCode' });
  }
  const now = ctx.now();
  return inTransaction(ctx.db, async (trx, afterCommit) => {
    await trx.deleteFrom('travel_records').where('campaign_id', '=', c.id).where('person_id', '=', personId).execute();
    const stays = answers.travel.map((s) => ({ person_id: personId, region_code: s.regionCode, place: s.place, from_date: s.fromDate, to_date: s.toDate, residence: false, source: 'screening' as const, created_at: now, campaign_id: c.id }));
    if (answers.residenceRegionCode) stays.push({ person_id: personId, region_code: answers.residenceRegionCode, place: answers.residencePlace ?? '', from_date: today, to_date: today, residence: true, source: 'screening', created_at: now, campaign_id: c.id });
    if (stays.length) await trx.insertInto('travel_records').values(stays).execute();
    const highRisk = answers.occupation != null && isHighRiskOccupation(answers.occupation);
    if (answers.occupation != null && p.kind === 'co_resident') await trx.updateTable('persons').set({ occupation: answers.occupation, high_risk_occupation: highRisk, updated_at: now }).where('id', '=', personId).execute();
    const hits = await sql<{ id: number; name: string; level: 'lockdown' | 'controlled' }>`
      select distinct a.id, a.name, a.level from travel_records t
      join region_closure rc on rc.code = t.region_code
      join risk_areas a on a.region_code = rc.ancestor_code
      join regions ar on ar.code = a.region_code
      where t.campaign_id = ${c.id} and t.person_id = ${personId} and t.from_date <= coalesce(a.ends_on, t.to_date) and t.to_date >= a.starts_on
        and (a.name = ar.name or position(a.name in t.place) > 0) order by a.id`.execute(trx);
    // "From" a place means its city: 14 of the 183 came from Zhengzhou, whichever district.
    const first = answers.travel[0]?.regionCode;
    const fromCity = first ? await cityOf(trx, first) : null;
    const school = await trx.selectFrom('schools').select('region_code').where('id', '=', p.school_id).executeTakeFirst();
    const schoolCity = school ? await cityOf(trx, school.region_code) : null;
    const riskAreas = hits.rows.map((h) => ({ areaId: Number(h.id), name: h.name, level: h.level }));
    const policy = await effectivePolicyForSchool(trx, 'covid19', p.school_id);
    const check = returnCheck({
      riskAreas, fromElsewhere: answers.returned && fromCity != null && fromCity !== schoolCity, personKind: p.kind, returnedOn: today,
      riskAreaPlan: isolationPlan(policy.rules, 'risk_area', today), householdPlan: isolationPlan(policy.rules, 'returning_household', today),
      policyTests: Object.values(policy.rules.isolation).some((r) => r && r.testDays.length > 0),
    });
    const proposals = [...check.proposals, ...(answers.symptoms.length ? [{ kind: 'tests' as const, dates: [today] }] : [])];
    const stored = { ...answers, highRiskOccupation: highRisk, riskAreas, proposals, policyVersion: policy.version };
    const values = {
      school_id: p.school_id, answers: JSON.stringify(stored), returned: answers.returned, from_region: answers.returned ? fromCity : null, risk_area: answers.riskAreaResidence || riskAreas.length > 0,
      symptoms: answers.symptoms.length > 0, answered_by: actor?.accountId ?? null, answered_via: via, answered_at: now,
    };
    await trx.insertInto('screening_answers').values({ campaign_id: c.id, person_id: personId, ...values }).onConflict((oc) => oc.columns(['campaign_id', 'person_id']).doUpdateSet(values)).execute();
    await writeAudit(trx, actor, { action: 'screening.answer', objectType: 'person', objectId: personId, detail: { campaignId: c.id, via, riskAreas: riskAreas.length, proposals: proposals.length }, ip });
    const risk = await recomputeRisk(trx, { personIds: [personId] }, { now, today });
    afterCommit(() => notifyRiskChanges(ctx, risk.changes));
    return { campaignId: c.id, personId, riskAreas, proposals, highRiskOccupation: highRisk, riskStatus: risk.changes[0]?.to ?? null };
  });
}

/**
 * The city a region belongs to. Under a placeholder grouping (省直辖县级行政区划, 419000) the county-level
 * city is itself the city: 济源市, not the grouping's name.
 */
export async function cityOf(db: Kysely<Database>, code: string): Promise<string> {
  const row = await sql<{ code: string | null }>`select coalesce(
      (select rc.ancestor_code from region_closure rc join regions r on r.code = rc.ancestor_code where rc.code = ${code} and r.level = 'city' and not ${isGrouping('r')}),
      (select rc.ancestor_code from region_closure rc join regions r on r.code = rc.ancestor_code where rc.code = ${code} and r.level = 'county')) as code`.execute(db);
  return row.rows[0]?.code ?? code;
}

/** GB/T 2260 groups counties directly under a province in a city-level code with this name, not a city. */
export const isGrouping = (alias: string) => sql<boolean>`(${sql.ref(`${alias}.name`)} like '%直辖县级行政区划')`;
