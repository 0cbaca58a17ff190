import { Type } from 'typebox';
import type { AppContext } from '../../http/context';
import { IdParams, OkResponse, Strict } from '../../http/schema';
import type { App } from '../../http/types';
import { dutyToday, listTaskForces } from './queries';
import { AddMemberBody, AddShiftsBody, CreateTaskForceBody, DutyQuery, DutyToday, ShiftParams, ShiftsQuery, TaskForceDetail, TaskForceListQuery, TaskForceSummary, UpdateTaskForceBody } from './schema';
import { addMember, createTaskForce, removeMember, taskForceDetail, updateTaskForce } from './service';
import { addShifts, removeShift } from './shifts';

const Created = Type.Object({ id: Type.Number() });
const MemberParams = Strict({ id: Type.Integer({ minimum: 1 }), memberId: Type.Integer({ minimum: 1 }) });

export function registerTaskForceRoutes(app: App, ctx: AppContext) {
  const tags = ['taskforces'];
  app.get('/api/taskforces', { config: { access: 'taskforce.read' }, schema: { tags, querystring: TaskForceListQuery, response: { 200: Type.Object({ items: Type.Array(TaskForceSummary) }) } } }, (req) => listTaskForces(ctx, req.actor!.scope, req.query));
  app.post('/api/taskforces', { config: { access: 'taskforce.manage' }, schema: { tags, body: CreateTaskForceBody, response: { 200: Created } } }, (req) => createTaskForce(ctx, req.actor!, req.body, req.ip));
  app.get('/api/taskforces/:id', { config: { access: 'taskforce.read' }, schema: { tags, params: IdParams, querystring: ShiftsQuery, response: { 200: TaskForceDetail } } }, (req) => taskForceDetail(ctx, req.actor!, req.params.id, req.query));
  app.put('/api/taskforces/:id', { config: { access: 'taskforce.manage' }, schema: { tags, params: IdParams, body: UpdateTaskForceBody, response: { 200: OkResponse } } }, (req) => updateTaskForce(ctx, req.actor!, req.params.id, req.body, req.ip));
  app.post('/api/taskforces/:id/members', { config: { access: 'taskforce.manage' }, schema: { tags, params: IdParams, body: AddMemberBody, response: { 200: Created } } }, (req) => addMember(ctx, req.actor!, req.params.id, req.body, req.ip));
  app.delete('/api/taskforces/:id/members/:memberId', { config: { access: 'taskforce.manage' }, schema: { tags, params: MemberParams, response: { 200: OkResponse } } }, (req) => removeMember(ctx, req.actor!, req.params.id, req.params.memberId, req.ip));
  app.post('/api/taskforces/:id/shifts', { config: { access: 'taskforce.manage' }, schema: { tags, params: IdParams, body: AddShiftsBody, response: { 200: Type.Object({ added: Type.Number(), ids: Type.Array(Type.Number()) }) } } }, (req) =>
    addShifts(ctx, req.actor!, req.params.id, req.body, req.ip),
  );
  app.delete('/api/taskforces/:id/shifts/:shiftId', { config: { access: 'taskforce.manage' }, schema: { tags, params: ShiftParams, response: { 200: OkResponse } } }, (req) => removeShift(ctx, req.actor!, req.params.id, req.params.shiftId, req.ip));
  // Today's duty officers: names and phones of whoever is on a shift that touches the date.
  app.get('/api/duty/today', { config: { access: 'taskforce.read' }, schema: { tags, querystring: DutyQuery, response: { 200: DutyToday } } }, (req) => dutyToday(ctx, req.actor!, req.query));
}
