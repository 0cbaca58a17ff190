import type { AppContext } from '../../http/context';
import { IdParams } from '../../http/schema';
import type { App } from '../../http/types';
import { getApprovers, setApprovers } from './approvers';
import { ApproversBody, ApproversView, CreateLeaveBody, DecisionBody, LeaveList, LeaveListQuery, LeaveView, ReturnBody } from './schema';
import { decideLeave, leaveDetail, listLeave, requestLeave, returnFromLeave } from './service';

export function registerLeaveRoutes(app: App, ctx: AppContext) {
  const tags = ['leave'];
  app.get('/api/leave', { config: { access: 'leave.read' }, schema: { tags, querystring: LeaveListQuery, response: { 200: LeaveList } } }, (req) => listLeave(ctx, req.actor!, req.query, req.ip));
  app.post('/api/leave', { config: { access: 'leave.request' }, schema: { tags, body: CreateLeaveBody, response: { 200: LeaveView } } }, (req) => requestLeave(ctx, req.actor!, req.body, req.ip));
  app.get('/api/leave/:id', { config: { access: 'leave.read' }, schema: { tags, params: IdParams, response: { 200: LeaveView } } }, (req) => leaveDetail(ctx, req.actor!, req.params.id, req.ip));
  app.post('/api/leave/:id/decision', { config: { access: 'leave.approve' }, schema: { tags, params: IdParams, body: DecisionBody, response: { 200: LeaveView } } }, (req) =>
    decideLeave(ctx, req.actor!, req.params.id, req.body, req.ip),
  );
  app.post('/api/leave/:id/return', { config: { access: 'leave.request' }, schema: { tags, params: IdParams, body: ReturnBody, response: { 200: LeaveView } } }, (req) =>
    returnFromLeave(ctx, req.actor!, req.params.id, req.body, req.ip),
  );
  app.get('/api/schools/:id/leave-approvers', { config: { access: 'leave.read' }, schema: { tags, params: IdParams, response: { 200: ApproversView } } }, (req) => getApprovers(ctx, req.actor!, req.params.id));
  app.put('/api/schools/:id/leave-approvers', { config: { access: 'leave.configure' }, schema: { tags, params: IdParams, body: ApproversBody, response: { 200: ApproversView } } }, (req) =>
    setApprovers(ctx, req.actor!, req.params.id, req.body, req.ip),
  );
}
