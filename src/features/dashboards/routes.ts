import { Type } from 'typebox';
import type { AppContext } from '../../http/context';
import { DateString, Strict } from '../../http/schema';
import type { App } from '../../http/types';
import { sendXlsx } from '../../shared/excel';
import { absenceRegister, checkRegister } from './exports';
import { completeness, regionDashboard, schoolDashboard } from './service';

const Session = Type.Union([Type.Literal('morning'), Type.Literal('noon'), Type.Literal('evening')]);
const RegionQuery = Strict({
  regionCode: Type.Optional(Type.String({ pattern: '^\\d{6}$' })),
  date: Type.Optional(DateString),
  session: Type.Optional(Session),
  days: Type.Optional(Type.Integer({ minimum: 1, maximum: 366 })),
  sort: Type.Optional(Type.Union([Type.Literal('illnessRate'), Type.Literal('completeness')])),
});
const SchoolParams = Strict({ schoolId: Type.Integer({ minimum: 1 }) });

export function registerDashboardRoutes(app: App, ctx: AppContext) {
  const tags = ['dashboards'];
  app.get('/api/dashboards/region', { config: { access: 'dashboard.read' }, schema: { tags, querystring: RegionQuery } }, (req) => regionDashboard(ctx, req.actor!, req.query));
  app.get('/api/dashboards/completeness', { config: { access: 'dashboard.read' }, schema: { tags, querystring: Strict({ regionCode: Type.Optional(Type.String({ pattern: '^\\d{6}$' })), date: Type.Optional(DateString), session: Type.Optional(Session) }) } }, (req) =>
    completeness(ctx, req.actor!, req.query),
  );
  app.get('/api/dashboards/schools/:schoolId', { config: { access: 'dashboard.read' }, schema: { tags, params: SchoolParams, querystring: Strict({ date: Type.Optional(DateString) }) } }, (req) =>
    schoolDashboard(ctx, req.actor!, req.params.schoolId, req.query.date),
  );
  app.get('/api/dashboards/schools/:schoolId/check-register.xlsx', { config: { access: 'dashboard.read' }, schema: { tags, params: SchoolParams, querystring: Strict({ date: DateString }) } }, async (req, reply) =>
    sendXlsx(reply, `晨午检登记表-${req.query.date}.xlsx`, await checkRegister(ctx, req.actor!, req.params.schoolId, req.query.date)),
  );
  app.get('/api/dashboards/schools/:schoolId/absence-register.xlsx', { config: { access: 'dashboard.read' }, schema: { tags, params: SchoolParams, querystring: Strict({ from: DateString, to: DateString }) } }, async (req, reply) =>
    sendXlsx(reply, `因病缺勤追踪登记表-${req.query.from}-${req.query.to}.xlsx`, await absenceRegister(ctx, req.actor!, req.params.schoolId, req.query.from, req.query.to)),
  );
}
