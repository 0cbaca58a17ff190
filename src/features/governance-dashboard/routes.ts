import { Type } from 'typebox';
import type { AppContext } from '../../http/context';
import { AppError } from '../../http/errors';
import { Nullable, Strict } from '../../http/schema';
import type { App } from '../../http/types';
import { buildWorkbook, sendXlsx } from '../../shared/excel';
import { writeAudit } from '../audit/write-audit';
import { bureauDashboard } from './dashboard';
import { assertRegionInScope, regionOfActor } from './shared';

const Query = Strict({ regionCode: Type.Optional(Type.String({ pattern: '^\\d{6}$' })) });
const Dashboard = Type.Object({
  regionCode: Type.String(),
  regionName: Type.String(),
  date: Type.String(),
  week: Type.Object({ from: Type.String(), to: Type.String() }),
  figures: Type.Array(Type.Object({ key: Type.String(), value: Nullable(Type.Number()), total: Type.Optional(Nullable(Type.Number())), available: Type.Boolean(), link: Type.String() })),
  isolationByKind: Type.Array(Type.Object({ kind: Type.String(), count: Type.Number() })),
  dutyOfficers: Type.Array(Type.Object({ name: Type.String(), post: Type.String(), taskForce: Type.String(), until: Type.String() })),
});

const LABELS: Record<string, string> = {
  schools: '学校数', students: '在校学生', reportingCompleteness: '今日晨检上报班级', openAlerts: '未结预警', isolation: '隔离中人数', screening: '排查覆盖人数',
  pairingCoverage: '一校一院覆盖', schoolDoctors: '一校一医覆盖', inspectionsThisWeek: '本周督查', inspectionsCompleted: '本周已完成督查', findingsOpen: '未销号问题',
  findingsOverdue: '逾期问题', findingsClosed: '已销号问题', selfReportsDue: '待交自查', selfReportsMissing: '逾期未交自查', dutyOfficers: '当前值班人员',
};

export function registerDashboardRoutes(app: App, ctx: AppContext) {
  const tags = ['governance'];
  const load = async (actor: Parameters<typeof regionOfActor>[0], requested?: string) => {
    const code = regionOfActor(actor, requested);
    if (!code) throw new AppError('validation.required', 400, { field: 'regionCode' });
    const region = await assertRegionInScope(ctx, actor, code);
    return { ...(await bureauDashboard(ctx, region.code)), regionName: region.name };
  };
  app.get('/api/governance/dashboard', { config: { access: 'governance.dashboard' }, schema: { tags, querystring: Query, response: { 200: Dashboard } } }, (req) => load(req.actor!, req.query.regionCode));
  app.get('/api/governance/dashboard/export', { config: { access: 'governance.dashboard' }, schema: { tags, querystring: Query } }, async (req, reply) => {
    const d = await load(req.actor!, req.query.regionCode);
    await writeAudit(ctx.db, req.actor, { action: 'governance.dashboard_export', objectType: 'region', objectId: d.regionCode, ip: req.ip });
    const file = await buildWorkbook('督导看板', [
      { header: '指标', width: 24, value: (f) => LABELS[f.key] ?? f.key },
      { header: '数值', value: (f) => (f.available ? f.value : '未接入') },
      { header: '总数', value: (f) => f.total ?? '' },
    ], d.figures, `${d.regionName} 疫情防控督导日报 ${d.date}`);
    return sendXlsx(reply, `督导看板-${d.regionName}-${d.date}.xlsx`, file);
  });
}
