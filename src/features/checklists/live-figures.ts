import { sql } from 'kysely';
import type { ChecklistItem, LiveFigureKey } from '../../domain/checklists/items';
import type { AppContext } from '../../http/context';
import { schoolDateOf, shanghaiInstant } from '../governance-dashboard/shared';

/**
 * What the platform already knows about a checklist item at one school, shown beside it so neither
 * the school nor the inspector has to assert it. Other capabilities' tables are read only when their
 * migration is present (checked with to_regclass), so this works whatever is installed.
 */
export interface LiveFigure {
  key: LiveFigureKey;
  available: boolean;
  /** A short figure: '12/14', 'yes', '3 open'. */
  value: string;
  ok: boolean | null;
  detail: string;
}

async function tableExists(ctx: AppContext, name: string): Promise<boolean> {
  const r = await sql<{ ok: boolean }>`select to_regclass(${`public.${name}`}) is not null as ok`.execute(ctx.db);
  return r.rows[0].ok;
}

const unavailable = (key: LiveFigureKey): LiveFigure => ({ key, available: false, value: '—', ok: null, detail: 'not recorded in the platform' });

async function figure(ctx: AppContext, key: LiveFigureKey, schoolId: number, today: string): Promise<LiveFigure> {
  if (key === 'pairing') {
    const r = await sql<{ hospital: string | null; doctor: string | null }>`
      select (select h.name from school_hospital_pairings p join hospitals h on h.id = p.hospital_id where p.school_id = ${schoolId}) as hospital,
             (select d.name from school_doctors d where d.school_id = ${schoolId}) as doctor`.execute(ctx.db);
    const { hospital, doctor } = r.rows[0];
    return { key, available: true, value: hospital ? 'yes' : 'no', ok: !!hospital && !!doctor, detail: `hospital: ${hospital ?? '—'}; school doctor: ${doctor ?? '—'}` };
  }
  if (key === 'reporting_completeness') {
    if (!(await tableExists(ctx, 'class_checks'))) return unavailable(key);
    const r = await sql<{ classes: number; reported: number }>`
      select (select count(*) from classes c where c.school_id = ${schoolId}) as classes,
             (select count(distinct cc.class_id) from class_checks cc where cc.school_id = ${schoolId} and cc.check_date = ${today} and cc.session = 'morning') as reported`.execute(ctx.db);
    const classes = Number(r.rows[0].classes);
    const reported = Number(r.rows[0].reported);
    return { key, available: true, value: `${reported}/${classes}`, ok: classes > 0 && reported >= classes, detail: `classes with today's morning check` };
  }
  if (key === 'open_absences') {
    if (!(await tableExists(ctx, 'absence_episodes'))) return unavailable(key);
    const r = await sql<{ n: number }>`select count(*) as n from absence_episodes where school_id = ${schoolId} and status = 'open' and kind = 'illness'`.execute(ctx.db);
    const n = Number(r.rows[0].n);
    return { key, available: true, value: String(n), ok: null, detail: 'open illness-absence episodes being followed up' };
  }
  if (key === 'gate_ledger') {
    if (!(await tableExists(ctx, 'gate_entries'))) return unavailable(key);
    const r = await sql<{ n: number; refused: number }>`
      select count(*) as n, count(*) filter (where decision = 'refuse') as refused from gate_entries
      where school_id = ${schoolId} and at >= ${shanghaiInstant(today, '00:00')}`.execute(ctx.db);
    return { key, available: true, value: String(Number(r.rows[0].n)), ok: Number(r.rows[0].n) > 0, detail: `gate entries today, ${Number(r.rows[0].refused)} refused` };
  }
  if (key === 'overdue_hygiene_logs') {
    // The hygiene-log capability is not installed yet; when it is, its overdue count belongs here.
    if (!(await tableExists(ctx, 'hygiene_logs'))) return unavailable(key);
    return { key, available: false, value: '—', ok: null, detail: 'hygiene logs present; figure not wired' };
  }
  const kind = key.slice('plan:'.length);
  const r = await sql<{ version: number | null; at: Date | null }>`
    select max(v.version) as version, max(v.created_at) as at from plans p join plan_versions v on v.plan_id = p.id
    where p.school_id = ${schoolId} and p.kind = ${kind}`.execute(ctx.db);
  const v = r.rows[0];
  return { key, available: true, value: v.version ? `v${v.version}` : 'no', ok: !!v.version, detail: v.at ? `latest version ${schoolDateOf(new Date(v.at))}` : 'no plan on file' };
}

/** Live figures for the items that name one, keyed by item key. */
export async function liveFiguresFor(ctx: AppContext, items: ChecklistItem[], schoolId: number): Promise<Record<string, LiveFigure>> {
  const today = schoolDateOf(ctx.now());
  const out: Record<string, LiveFigure> = {};
  const cache = new Map<string, LiveFigure>();
  for (const item of items) {
    if (!item.liveFigure) continue;
    if (!cache.has(item.liveFigure)) cache.set(item.liveFigure, await figure(ctx, item.liveFigure, schoolId, today));
    out[item.key] = cache.get(item.liveFigure)!;
  }
  return out;
}
