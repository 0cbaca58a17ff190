import { Type } from 'typebox';
import type { AppContext } from '../../http/context';
import { AppError } from '../../http/errors';
import { IdParams, OkResponse } from '../../http/schema';
import type { App } from '../../http/types';
import { regionOfActor } from '../governance-dashboard/shared';
import { Coverage, CoverageQuery, CreateHospitalBody, HospitalListQuery, PairBody, ProposalBody, ProposalView, SchoolDoctorBody, SchoolParams } from './schema';
import { applyProposal, coverage, createHospital, listHospitals, makeProposal, pairSchool, setSchoolDoctor } from './service';

export function registerPairingRoutes(app: App, ctx: AppContext) {
  const tags = ['pairing'];
  app.get('/api/hospitals', { config: { access: 'hospital.read' }, schema: { tags, querystring: HospitalListQuery } }, (req) => listHospitals(ctx, req.actor!, req.query));
  app.post('/api/hospitals', { config: { access: 'pairing.manage' }, schema: { tags, body: CreateHospitalBody, response: { 200: Type.Object({ id: Type.Number() }) } } }, (req) => createHospital(ctx, req.actor!, req.body, req.ip));
  app.put('/api/pairings/:schoolId', { config: { access: 'pairing.manage' }, schema: { tags, params: SchoolParams, body: PairBody, response: { 200: OkResponse } } }, (req) => pairSchool(ctx, req.actor!, req.params.schoolId, req.body, req.ip));
  app.get('/api/pairings/coverage', { config: { access: 'governance.dashboard' }, schema: { tags, querystring: CoverageQuery, response: { 200: Coverage } } }, (req) => {
    const region = regionOfActor(req.actor!, req.query.regionCode);
    if (!region) throw new AppError('validation.required', 400, { field: 'regionCode' });
    return coverage(ctx, req.actor!, region);
  });
  app.post('/api/pairings/proposals', { config: { access: 'pairing.manage' }, schema: { tags, body: ProposalBody, response: { 200: ProposalView } } }, (req) => makeProposal(ctx, req.actor!, req.body, req.ip));
  app.post('/api/pairings/proposals/:id/apply', { config: { access: 'pairing.manage' }, schema: { tags, params: IdParams, response: { 200: Type.Object({ changed: Type.Number() }) } } }, (req) => applyProposal(ctx, req.actor!, req.params.id, req.ip));
  app.put('/api/school-doctors/:schoolId', { config: { access: 'pairing.manage' }, schema: { tags, params: SchoolParams, body: SchoolDoctorBody, response: { 200: OkResponse } } }, (req) => setSchoolDoctor(ctx, req.actor!, req.params.schoolId, req.body, req.ip));
}
