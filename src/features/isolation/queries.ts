import { type Kysely, sql } from 'kysely';
import { personInScope, regionInScope } from '../../db/scope';
import type { Database } from '../../db/tables';
import type { Scope } from '../../domain/access/scope';

export function isolationRowQuery(db: Kysely<Database>) {
  return db
    .selectFrom('isolations as i')
    .innerJoin('persons', 'persons.id', 'i.person_id')
    .innerJoin('disease_policies as dp', 'dp.id', 'i.policy_id')
    .leftJoin('isolation_sites as site', 'site.id', 'i.site_id')
    .leftJoin('classes as cl', 'cl.id', 'persons.class_id')
    .leftJoin('grades as g', 'g.id', 'cl.grade_id')
    .select([
      'i.id', 'i.person_id', 'persons.name as person_name', 'persons.kind as person_kind', 'i.school_id', sql<string | null>`g.name || cl.name`.as('class_name'),
      'i.kind', 'i.site_id', 'site.name as site_name', 'i.case_id', 'i.contact_id', 'i.reason', 'dp.disease', 'i.policy_id', 'dp.version as policy_version',
      'i.starts_on', 'i.planned_end', 'i.monitoring_end', 'i.test_days', 'i.status', 'i.released_on', 'i.release_override', 'i.logistics',
    ]);
}

type Raw = Awaited<ReturnType<ReturnType<typeof isolationRowQuery>['executeTakeFirstOrThrow']>>;

export function toIsolationRow(r: Raw) {
  return {
    id: r.id, personId: r.person_id, personName: r.person_name, personKind: r.person_kind, schoolId: r.school_id, className: r.class_name, kind: r.kind,
    siteId: r.site_id, siteName: r.site_name, caseId: r.case_id, contactId: r.contact_id, reason: r.reason, disease: r.disease, policyId: r.policy_id,
    policyVersion: r.policy_version, startsOn: r.starts_on, plannedEnd: r.planned_end, monitoringEnd: r.monitoring_end, testDays: r.test_days.map(Number),
    status: r.status, releasedOn: r.released_on, releaseOverride: r.release_override, logistics: r.logistics,
  };
}

/**
 * Active isolations counted by kind, by site and by county inside the scope: the figures a bureau
 * reports ("2,449 in home or on-campus isolation, 2 at the Qinyuan site").
 */
export async function isolationCounts(db: Kysely<Database>, scope: Scope, regionCode: string | null) {
  const region = regionCode ? sql<boolean>`persons.school_id in (select s.id from schools s join region_closure rc on rc.code = s.region_code where rc.ancestor_code = ${regionCode})` : sql<boolean>`true`;
  const base = db.selectFrom('isolations as i').innerJoin('persons', 'persons.id', 'i.person_id').where('i.status', '=', 'active').where(personInScope(scope, 'persons')).where(region);
  const byKind = await base.select(['i.kind', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('i.kind').execute();
  const bySite = await base
    .innerJoin('isolation_sites as site', 'site.id', 'i.site_id')
    .select(['site.id', 'site.name', 'site.capacity', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['site.id', 'site.name', 'site.capacity'])
    .orderBy('site.name')
    .execute();
  const byRegion = await base
    .innerJoin('schools as s', 's.id', 'i.school_id')
    .innerJoin('regions as r', 'r.code', 's.region_code')
    .select(['r.code', 'r.name', 'i.kind', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['r.code', 'r.name', 'i.kind'])
    .orderBy('r.code')
    .execute();
  const kinds = { home: 0, on_campus: 0, site: 0 } as Record<string, number>;
  for (const k of byKind) kinds[k.kind] = Number(k.n);
  const regions = new Map<string, { regionCode: string; name: string; home: number; on_campus: number; site: number }>();
  for (const r of byRegion) {
    const e = regions.get(r.code) ?? { regionCode: r.code, name: r.name, home: 0, on_campus: 0, site: 0 };
    e[r.kind] = Number(r.n);
    regions.set(r.code, e);
  }
  return {
    total: kinds.home + kinds.on_campus + kinds.site,
    byKind: kinds,
    homeOrOnCampus: kinds.home + kinds.on_campus,
    bySite: bySite.map((s) => ({ siteId: s.id, name: s.name, capacity: s.capacity, occupied: Number(s.n) })),
    byRegion: [...regions.values()],
  };
}

export async function listSites(db: Kysely<Database>, scope: Scope) {
  const rows = await db
    .selectFrom('isolation_sites as site')
    .leftJoin('isolations as i', (j) => j.onRef('i.site_id', '=', 'site.id').on('i.status', '=', 'active'))
    .select(['site.id', 'site.region_code', 'site.name', 'site.address', 'site.capacity', (eb) => eb.fn.count<number>('i.id').as('occupied')])
    .where((eb) => eb.or([regionInScope(scope, 'site.region_code'), sql<boolean>`site.region_code in (select rc.ancestor_code from region_closure rc join schools s on s.region_code = rc.code where ${schoolScope(scope)})`]))
    .groupBy(['site.id', 'site.region_code', 'site.name', 'site.address', 'site.capacity'])
    .orderBy('site.name')
    .execute();
  return rows.map((r) => ({ id: r.id, regionCode: r.region_code, name: r.name, address: r.address, capacity: r.capacity, occupied: Number(r.occupied) }));
}

function schoolScope(scope: Scope) {
  if (scope.kind === 'school' || scope.kind === 'class') return sql<boolean>`s.id = ${scope.schoolId}`;
  if (scope.kind === 'schools' || scope.kind === 'children') return scope.schoolIds.length ? sql<boolean>`s.id = any(${sql.val(scope.schoolIds)}::bigint[])` : sql<boolean>`false`;
  return sql<boolean>`false`;
}
