import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../../db/tables';
import { computeRisk, DEFAULT_RISK_RULES, type RiskColour, type RiskFacts, type RiskReason, type RiskRules } from '../../domain/risk/rules';
import { effectivePolicy } from '../policies/queries';

export type RiskTarget = { personIds: number[] } | { regionCode: string } | { schoolId: number };

export interface RiskChange {
  personId: number;
  schoolId: number;
  from: RiskColour;
  to: RiskColour;
  reasons: RiskReason[];
}

/** SQL predicate selecting the target persons on `persons` under alias `p`. */
function targetFilter(t: RiskTarget): RawBuilder<boolean> {
  if ('personIds' in t) return t.personIds.length ? sql<boolean>`p.id = any(${sql.val(t.personIds)}::bigint[])` : sql<boolean>`false`;
  if ('schoolId' in t) return sql<boolean>`p.school_id = ${t.schoolId}`;
  return sql<boolean>`p.school_id in (select s.id from schools s join region_closure rc on rc.code = s.region_code where rc.ancestor_code = ${t.regionCode})`;
}

const blank = (): RiskFacts => ({ cases: [], contacts: [], positives: [], isolation: null, riskAreas: [] });

/**
 * Recomputes the risk status of every target person with a handful of set-based queries: only
 * persons with a fact or a stored non-green status are loaded (everyone else is green and stays
 * without a row), the pure rules decide, and only changes are written, with a history row each.
 * Manual overrides keep their colour; the computed colour beside them is refreshed.
 */
export async function recomputeRisk(db: Kysely<Database>, target: RiskTarget, o: { now: Date; today: string; rules?: RiskRules }): Promise<{ evaluated: number; changes: RiskChange[] }> {
  const rules = o.rules ?? (await riskRulesFor(db));
  const where = targetFilter(target);
  const facts = new Map<number, RiskFacts>();
  const schoolOf = new Map<number, number>();
  const of = (id: number, school: number) => {
    let f = facts.get(id);
    if (!f) {
      facts.set(id, (f = blank()));
      schoolOf.set(id, school);
    }
    return f;
  };
  const cases = await sql<{ person_id: number; school_id: number; id: number; status: 'suspected' | 'confirmed'; disease: string }>`
    select c.person_id, p.school_id, c.id, c.status, c.disease from cases c join persons p on p.id = c.person_id
    where ${where} and c.status <> 'excluded'`.execute(db);
  for (const r of cases.rows) of(r.person_id, r.school_id).cases.push({ caseId: Number(r.id), status: r.status, disease: r.disease });
  const contacts = await sql<{ person_id: number; school_id: number; case_id: number; exposure_to: string; status: RiskColour; days: number }>`
    select k.person_id, p.school_id, k.case_id, k.exposure_to::text as exposure_to,
      coalesce(dp.rules->'contacts'->>'status', 'yellow') as status, coalesce((dp.rules->'contacts'->>'statusDays')::int, 7) as days
    from contacts k join persons p on p.id = k.person_id join cases c on c.id = k.case_id join disease_policies dp on dp.id = c.policy_id
    where ${where} and k.status = 'confirmed' and c.status <> 'excluded' and k.exposure_to >= ${o.today}::date - 60`.execute(db);
  for (const r of contacts.rows) of(r.person_id, r.school_id).contacts.push({ caseId: Number(r.case_id), exposureTo: r.exposure_to, status: r.status, statusDays: Number(r.days) });
  const positives = await sql<{ person_id: number; school_id: number; sampled_on: string }>`
    select t.person_id, p.school_id, t.sampled_on::text as sampled_on from test_results t join persons p on p.id = t.person_id
    where ${where} and t.result = 'positive' and t.sampled_on >= ${o.today}::date - ${rules.positiveDays}::int`.execute(db);
  for (const r of positives.rows) of(r.person_id, r.school_id).positives.push({ sampledOn: r.sampled_on });
  const isolations = await sql<{ person_id: number; school_id: number; kind: string; planned_end: string }>`
    select i.person_id, p.school_id, i.kind, i.planned_end::text as planned_end from isolations i join persons p on p.id = i.person_id
    where ${where} and i.status = 'active'`.execute(db);
  for (const r of isolations.rows) of(r.person_id, r.school_id).isolation = { kind: r.kind, plannedEnd: r.planned_end };
  const areas = await sql<{ person_id: number; school_id: number; area_id: number; name: string; level: 'lockdown' | 'controlled'; last_day: string; residence: boolean }>`
    select t.person_id, p.school_id, a.id as area_id, a.name, a.level, least(t.to_date, coalesce(a.ends_on, t.to_date))::text as last_day, t.residence
    from risk_areas a
    join region_closure rc on rc.ancestor_code = a.region_code
    join regions ar on ar.code = a.region_code
    join travel_records t on t.region_code = rc.code
    join persons p on p.id = t.person_id
    where ${where} and t.from_date <= coalesce(a.ends_on, t.to_date) and t.to_date >= a.starts_on
      and (a.ends_on is null or a.ends_on >= ${o.today}::date - ${rules.travelLookbackDays}::int)
      and (a.name = ar.name or position(a.name in t.place) > 0)`.execute(db);
  for (const r of areas.rows) of(r.person_id, r.school_id).riskAreas.push({ areaId: Number(r.area_id), name: r.name, level: r.level, lastDay: r.last_day, residence: r.residence });
  const stored = await sql<{ person_id: number; school_id: number; status: RiskColour; computed_status: RiskColour; override_reason: string | null; reasons: string }>`
    select s.person_id, p.school_id, s.status, s.computed_status, s.override_reason, s.reasons::text as reasons from risk_statuses s join persons p on p.id = s.person_id where ${where}`.execute(db);
  const storedBy = new Map(stored.rows.map((r) => [r.person_id, r]));
  for (const r of stored.rows) of(r.person_id, r.school_id);

  const changes: RiskChange[] = [];
  const upserts: { id: number; status: RiskColour; computed: RiskColour; reasons: string }[] = [];
  for (const [personId, f] of facts) {
    const result = computeRisk(f, rules, o.today);
    const prev = storedBy.get(personId);
    const from = prev?.status ?? 'green';
    const overridden = prev?.override_reason != null;
    const to = overridden ? from : result.status;
    const reasons = JSON.stringify(result.reasons);
    if (!prev && result.status === 'green') continue;
    // jsonb normalises key order and spacing, so compare parsed values
    if (prev && prev.computed_status === result.status && from === to && sameJson(prev.reasons, reasons)) continue;
    upserts.push({ id: personId, status: to, computed: result.status, reasons });
    if (from !== to) changes.push({ personId, schoolId: schoolOf.get(personId)!, from, to, reasons: result.reasons });
  }
  await writeStatuses(db, upserts, changes, o.now);
  return { evaluated: facts.size, changes };
}

const canon = (v: unknown): string =>
  Array.isArray(v) ? `[${v.map(canon).join(',')}]` : v && typeof v === 'object' ? `{${Object.keys(v).sort().map((k) => `${k}:${canon((v as Record<string, unknown>)[k])}`).join(',')}}` : JSON.stringify(v);

function sameJson(a: string, b: string): boolean {
  return a === b || canon(JSON.parse(a)) === canon(JSON.parse(b));
}

/** Bulk upsert of statuses and history rows, a few thousand at a time. */
async function writeStatuses(db: Kysely<Database>, upserts: { id: number; status: RiskColour; computed: RiskColour; reasons: string }[], changes: RiskChange[], now: Date) {
  const CHUNK = 5000;
  for (let i = 0; i < upserts.length; i += CHUNK) {
    const part = upserts.slice(i, i + CHUNK);
    await sql`insert into risk_statuses (person_id, status, computed_status, reasons, updated_at)
      select u.id, u.status, u.computed, u.reasons::jsonb, ${now}
      from unnest(${sql.val(part.map((u) => u.id))}::bigint[], ${sql.val(part.map((u) => u.status))}::text[], ${sql.val(part.map((u) => u.computed))}::text[], ${sql.val(part.map((u) => u.reasons))}::text[]) as u(id, status, computed, reasons)
      on conflict (person_id) do update set status = excluded.status, computed_status = excluded.computed_status, reasons = excluded.reasons, updated_at = excluded.updated_at`.execute(db);
  }
  for (let i = 0; i < changes.length; i += CHUNK) {
    const part = changes.slice(i, i + CHUNK);
    await sql`insert into risk_status_history (person_id, status, previous, reasons, manual, at)
      select c.id, c.status, c.previous, c.reasons::jsonb, false, ${now}
      from unnest(${sql.val(part.map((c) => c.personId))}::bigint[], ${sql.val(part.map((c) => c.to))}::text[], ${sql.val(part.map((c) => c.from))}::text[], ${sql.val(part.map((c) => JSON.stringify(c.reasons)))}::text[]) as c(id, status, previous, reasons)`.execute(db);
  }
}

/** Risk-area colours come from the COVID-19 policy in force nationally (the disease risk areas are declared for). */
export async function riskRulesFor(db: Kysely<Database>, regionCode: string | null = null): Promise<RiskRules> {
  const policy = await effectivePolicy(db, 'covid19', regionCode);
  const t = policy.rules.riskAreaTravel;
  return { ...DEFAULT_RISK_RULES, lockdownStatus: t.lockdownStatus, controlledStatus: t.controlledStatus, travelLookbackDays: t.lookbackDays };
}
