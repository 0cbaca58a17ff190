import type { AppContext } from '../../http/context';
import { registerMessages } from '../../i18n';
import { absenceMessages } from '../absences/messages';
import { registerAbsenceRoutes } from '../absences/routes';
import { registerDashboardRoutes } from '../dashboards/routes';
import { checkMessages } from './messages';
import { IdParams } from '../../http/schema';
import type { App } from '../../http/types';
import { registerPersonFileSection } from '../people/person-file-sections';
import { leaveAndIsolationStatuses } from './leave-status';
import { personChecksSection } from './person-file';
import { registerRosterStatusProvider } from './roster-status';
import { ClassParams, CheckList, ConvertBody, FormQuery, FormResponse, RangeQuery, SchoolParams, SubmitBody, SubmitResponse } from './schema';
import { checkForm, convertToIllness, listChecks, submitCheck } from './service';

const key = (headers: Record<string, unknown>) => (typeof headers['idempotency-key'] === 'string' ? (headers['idempotency-key'] as string) : undefined);

export function registerCheckRoutes(app: App, ctx: AppContext) {
  const tags = ['checks'];
  registerPersonFileSection(personChecksSection);
  registerRosterStatusProvider(leaveAndIsolationStatuses);

  app.get('/api/checks/classes/:classId/form', { config: { access: 'check.read' }, schema: { tags, params: ClassParams, querystring: FormQuery, response: { 200: FormResponse } } }, (req) =>
    checkForm(ctx, req.actor!, { kind: 'class', classId: req.params.classId }, req.query),
  );
  app.post('/api/checks/classes/:classId', { config: { access: 'check.submit' }, schema: { tags, params: ClassParams, body: SubmitBody, response: { 200: SubmitResponse } } }, (req) =>
    submitCheck(ctx, req.actor!, { kind: 'class', classId: req.params.classId }, req.body, key(req.headers), req.ip),
  );
  app.get('/api/checks/classes/:classId', { config: { access: 'check.read' }, schema: { tags, params: ClassParams, querystring: RangeQuery, response: { 200: CheckList } } }, (req) =>
    listChecks(ctx, req.actor!, { kind: 'class', classId: req.params.classId }, req.query.from, req.query.to),
  );
  app.get('/api/checks/schools/:schoolId/staff-form', { config: { access: 'check.read' }, schema: { tags, params: SchoolParams, querystring: FormQuery, response: { 200: FormResponse } } }, (req) =>
    checkForm(ctx, req.actor!, { kind: 'staff', schoolId: req.params.schoolId }, req.query),
  );
  app.post('/api/checks/schools/:schoolId/staff', { config: { access: 'check.submit' }, schema: { tags, params: SchoolParams, body: SubmitBody, response: { 200: SubmitResponse } } }, (req) =>
    submitCheck(ctx, req.actor!, { kind: 'staff', schoolId: req.params.schoolId }, req.body, key(req.headers), req.ip),
  );
  app.post('/api/checks/exceptions/:id/convert-to-illness', { config: { access: 'absence.followup' }, schema: { tags, params: IdParams, body: ConvertBody, response: { 200: SubmitResponse } } }, (req) =>
    convertToIllness(ctx, req.actor!, req.params.id, req.body, req.ip),
  );
}

/** The daily-monitoring capabilities (checks, absences, dashboards) and their texts, registered together. */
export function registerDailyMonitoringRoutes(app: App, ctx: AppContext) {
  registerMessages(checkMessages);
  registerMessages(absenceMessages);
  registerCheckRoutes(app, ctx);
  registerAbsenceRoutes(app, ctx);
  registerDashboardRoutes(app, ctx);
}
