import { sql } from 'kysely';
import type { AppContext } from '../../http/context';
import { mondayOf, schoolDateOf } from './shared';

/**
 * The bureau dashboard (R31) for one region, from live data. Figures owned by other capabilities
 * (daily checks, alerts, isolation, screening) are read only when their tables exist, and say so when not.
 * Every figure names the list it links to, so the page and the Excel export share one definition.
 */
export interface Figure {
  key: string;
  value: number | null;
  total?: number | null;
  available: boolean;
  link: string;
}

async function existing(ctx: AppContext, names: string[]): Promise<Set<string>> {
  const r = await sql<{ name: string }>`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relname = any(${sql.val(names)}::text[])`.execute(ctx.db);
  return new Set(r.rows.map((x) => x.name));
}

export async function bureauDashboard(ctx: AppContext, regionCode: string) {
  const now = ctx.now();
  const today = schoolDateOf(now);
  const monday = mondayOf(today);
  const sunday = new Date(Date.parse(`${monday}T00:00:00Z`) + 6 * 86_400_000).toISOString().slice(0, 10);
  const have = await existing(ctx, ['class_checks', 'alerts', 'isolations', 'screening_answers', 'screening_campaigns']);
  // One region set, reused by every figure below.
  const inRegion = sql`(select s.id from schools s join region_closure rc on rc.code = s.region_code where rc.ancestor_code = ${regionCode})`;
  const core = await sql<Record<string, number>>`
    select
      (select count(*) from schools where id in ${inRegion}) as schools,
      -- Kept per school by triggers (migrations/0501): summing 3,636 rows, not counting 1.1 million.
      (select coalesce(sum(students), 0) from school_student_counts where school_id in ${inRegion}) as students,
      (select count(*) from school_hospital_pairings where school_id in ${inRegion}) as paired,
      -- A school has a doctor when one is registered (校医配备) or a school-doctor account works there.
      (select count(*) from schools s where s.id in ${inRegion} and (exists (select 1 from school_doctors d where d.school_id = s.id)
        or exists (select 1 from accounts a where a.school_id = s.id and a.role = 'school_doctor' and a.disabled_at is null))) as doctors,
      (select count(*) from inspections where school_id in ${inRegion} and scheduled_on between ${monday} and ${sunday}) as inspections_week,
      (select count(*) from inspections where school_id in ${inRegion} and scheduled_on between ${monday} and ${sunday} and status = 'completed') as inspections_done,
      (select count(*) from findings where school_id in ${inRegion} and status <> 'closed') as findings_open,
      (select count(*) from findings where school_id in ${inRegion} and status <> 'closed' and deadline < ${today}) as findings_overdue,
      (select count(*) from findings where school_id in ${inRegion} and status = 'closed') as findings_closed,
      (select count(*) from self_reports where school_id in ${inRegion} and status in ('pending', 'missing')) as self_reports_due,
      (select count(*) from self_reports where school_id in ${inRegion} and status = 'missing') as self_reports_missing,
      (select count(*) from classes where school_id in ${inRegion}) as classes`.execute(ctx.db);
  const c = Object.fromEntries(Object.entries(core.rows[0]).map(([k, v]) => [k, Number(v)]));
  const optional = async (table: string, query: () => Promise<number>) => (have.has(table) ? query() : null);
  const one = async (q: ReturnType<typeof sql<{ n: number }>>) => Number((await q.execute(ctx.db)).rows[0].n);
  const reported = await optional('class_checks', () => one(sql<{ n: number }>`select count(distinct class_id) as n from class_checks where check_date = ${today} and session = 'morning' and school_id in ${inRegion}`));
  const alerts = await optional('alerts', () => one(sql<{ n: number }>`select count(*) as n from alerts where status <> 'closed' and region_code in (select code from region_closure where ancestor_code = ${regionCode})`));
  const isolation = have.has('isolations')
    ? (await sql<{ kind: string; n: number }>`select kind, count(*) as n from isolations where status = 'active' and school_id in ${inRegion} group by kind`.execute(ctx.db)).rows.map((r) => ({ kind: r.kind, count: Number(r.n) }))
    : null;
  const screened = await optional('screening_answers', () => one(sql<{ n: number }>`select count(distinct a.person_id) as n from screening_answers a join screening_campaigns sc on sc.id = a.campaign_id where sc.status = 'open' and a.school_id in ${inRegion}`));
  const duty = await sql<{ name: string; post: string; task_force: string; ends_at: Date }>`
    select a.display_name as name, d.post, tf.name as task_force, d.ends_at from duty_shifts d join task_forces tf on tf.id = d.task_force_id join accounts a on a.id = d.account_id
    where d.starts_at <= ${now} and d.ends_at > ${now} and tf.region_code in (select code from region_closure where ancestor_code = ${regionCode}) order by tf.name, a.display_name limit 50`.execute(ctx.db);
  const figures: Figure[] = [
    { key: 'schools', value: c.schools, available: true, link: `/structure?region=${regionCode}` },
    { key: 'students', value: c.students, available: true, link: `/people?regionCode=${regionCode}` },
    { key: 'reportingCompleteness', value: reported, total: c.classes, available: reported !== null, link: `/dashboards/region?regionCode=${regionCode}` },
    { key: 'openAlerts', value: alerts, available: alerts !== null, link: `/alerts?regionCode=${regionCode}` },
    { key: 'isolation', value: isolation ? isolation.reduce((s, x) => s + x.count, 0) : null, available: isolation !== null, link: `/isolation?regionCode=${regionCode}` },
    { key: 'screening', value: screened, total: c.students, available: screened !== null, link: `/screening?regionCode=${regionCode}` },
    { key: 'pairingCoverage', value: c.paired, total: c.schools, available: true, link: `/pairing?regionCode=${regionCode}` },
    { key: 'schoolDoctors', value: c.doctors, total: c.schools, available: true, link: `/pairing?regionCode=${regionCode}` },
    { key: 'inspectionsThisWeek', value: c.inspections_week, total: null, available: true, link: `/inspections?regionCode=${regionCode}&from=${monday}&to=${sunday}` },
    { key: 'inspectionsCompleted', value: c.inspections_done, total: c.inspections_week, available: true, link: `/inspections?regionCode=${regionCode}&status=completed` },
    { key: 'findingsOpen', value: c.findings_open, available: true, link: `/findings?regionCode=${regionCode}&status=open` },
    { key: 'findingsOverdue', value: c.findings_overdue, available: true, link: `/findings?regionCode=${regionCode}&status=overdue` },
    { key: 'findingsClosed', value: c.findings_closed, available: true, link: `/findings?regionCode=${regionCode}&status=closed` },
    { key: 'selfReportsDue', value: c.self_reports_due, available: true, link: `/self-reports?regionCode=${regionCode}` },
    { key: 'selfReportsMissing', value: c.self_reports_missing, available: true, link: `/self-reports?regionCode=${regionCode}&status=missing` },
    { key: 'dutyOfficers', value: duty.rows.length, available: true, link: `/taskforces?regionCode=${regionCode}` },
  ];
  return {
    regionCode,
    date: today,
    week: { from: monday, to: sunday },
    figures,
    isolationByKind: isolation ?? [],
    dutyOfficers: duty.rows.map((d) => ({ name: d.name, post: d.post, taskForce: d.task_force, until: new Date(d.ends_at).toISOString() })),
  };
}
