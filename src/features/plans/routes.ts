import { Type } from 'typebox';
import type { AppContext } from '../../http/context';
import { IdParams } from '../../http/schema';
import type { App } from '../../http/types';
import { createTeam, incidentDetail, listIncidents, listTeams, logVisit, reportIncident, respondToIncident, teamDetail } from './response';
import {
  CreateDrillBody, CreateIncidentBody, CreatePlanBody, CreateTeamBody, CreateVisitBody, DrillSummary, IncidentDetail, IncidentSummary, NewPlanVersionBody, PlaceQuery, PlanDetail, PlanSummary,
  PlanVersionQuery, RespondBody, TeamDetail, TeamSummary,
} from './schema';
import { addPlanVersion, createPlan, listDrills, listPlans, planDetail, recordDrill } from './service';

const Created = Type.Object({ id: Type.Number() });
const list = <T extends Parameters<typeof Type.Array>[0]>(item: T) => ({ 200: Type.Object({ items: Type.Array(item) }) });

export function registerPlanRoutes(app: App, ctx: AppContext) {
  const tags = ['plans'];
  app.get('/api/plans', { config: { access: 'plan.read' }, schema: { tags, querystring: PlaceQuery, response: list(PlanSummary) } }, (req) => listPlans(ctx, req.actor!, req.query));
  app.post('/api/plans', { config: { access: 'plan.manage' }, schema: { tags, body: CreatePlanBody, response: { 200: Type.Object({ id: Type.Number(), version: Type.Number() }) } } }, (req) => createPlan(ctx, req.actor!, req.body, req.ip));
  app.get('/api/plans/:id', { config: { access: 'plan.read' }, schema: { tags, params: IdParams, querystring: PlanVersionQuery, response: { 200: PlanDetail } } }, (req) => planDetail(ctx, req.actor!, req.params.id, req.query.version));
  app.post('/api/plans/:id/versions', { config: { access: 'plan.manage' }, schema: { tags, params: IdParams, body: NewPlanVersionBody, response: { 200: Type.Object({ id: Type.Number(), version: Type.Number() }) } } }, (req) =>
    addPlanVersion(ctx, req.actor!, req.params.id, req.body, req.ip),
  );
  app.get('/api/drills', { config: { access: 'plan.read' }, schema: { tags, querystring: PlaceQuery, response: list(DrillSummary) } }, (req) => listDrills(ctx, req.actor!, req.query));
  app.post('/api/drills', { config: { access: 'plan.manage' }, schema: { tags, body: CreateDrillBody, response: { 200: Created } } }, (req) => recordDrill(ctx, req.actor!, req.body, req.ip));
  app.get('/api/guidance-teams', { config: { access: 'plan.read' }, schema: { tags, querystring: PlaceQuery, response: list(TeamSummary) } }, (req) => listTeams(ctx, req.actor!, req.query));
  app.post('/api/guidance-teams', { config: { access: 'guidance.manage' }, schema: { tags, body: CreateTeamBody, response: { 200: Created } } }, (req) => createTeam(ctx, req.actor!, req.body, req.ip));
  app.get('/api/guidance-teams/:id', { config: { access: 'plan.read' }, schema: { tags, params: IdParams, response: { 200: TeamDetail } } }, (req) => teamDetail(ctx, req.actor!, req.params.id));
  app.post('/api/guidance-teams/:id/visits', { config: { access: 'guidance.manage' }, schema: { tags, params: IdParams, body: CreateVisitBody, response: { 200: Created } } }, (req) => logVisit(ctx, req.actor!, req.params.id, req.body, req.ip));
  app.get('/api/opinion-incidents', { config: { access: 'plan.read' }, schema: { tags, querystring: PlaceQuery, response: list(IncidentSummary) } }, (req) => listIncidents(ctx, req.actor!, req.query));
  app.post('/api/opinion-incidents', { config: { access: 'plan.manage' }, schema: { tags, body: CreateIncidentBody, response: { 200: Created } } }, (req) => reportIncident(ctx, req.actor!, req.body, req.ip));
  app.get('/api/opinion-incidents/:id', { config: { access: 'plan.read' }, schema: { tags, params: IdParams, response: { 200: IncidentDetail } } }, (req) => incidentDetail(ctx, req.actor!, req.params.id));
  app.post('/api/opinion-incidents/:id/responses', { config: { access: 'plan.manage' }, schema: { tags, params: IdParams, body: RespondBody, response: { 200: Created } } }, (req) =>
    respondToIncident(ctx, req.actor!, req.params.id, req.body, req.ip),
  );
}
