import { Type } from 'typebox';
import type { AppContext } from '../../http/context';
import { IdParams, OkResponse } from '../../http/schema';
import type { App } from '../../http/types';
import { IssueVenueCodeBody, ReissueVenueCodeBody, RevokeVenueCodeBody, VenueCodeList, VenueCodeListQuery, VenueCodeRow, VerifiedVenue, VerifyVenueCodeBody } from './schema';
import { issueVenueCode, listVenueCodes, loadVenueCode, reissueVenueCode, revokeVenueCode, toVenueRow, venueCodePng, verifyVenue } from './service';

const Created = Type.Object({ id: Type.Number() });

/** The origin the QR link points at: the address the staff member used to reach this server. */
export function originOf(req: { protocol: string; host: string }): string {
  return `${req.protocol}://${req.host}`;
}

export function registerVenueCodeRoutes(app: App, ctx: AppContext) {
  const tags = ['venue-codes'];

  app.get('/api/venue-codes', { config: { access: 'venue_code.read' }, schema: { tags, querystring: VenueCodeListQuery, response: { 200: VenueCodeList } } }, (req) =>
    listVenueCodes(ctx, req.actor!, req.query, originOf(req)),
  );

  app.get('/api/venue-codes/:id', { config: { access: 'venue_code.read' }, schema: { tags, params: IdParams, response: { 200: VenueCodeRow } } }, async (req) =>
    toVenueRow(ctx, await loadVenueCode(ctx, req.actor!, req.params.id), originOf(req)),
  );

  app.get('/api/venue-codes/:id/qr.png', { config: { access: 'venue_code.read' }, schema: { tags, params: IdParams } }, async (req, reply) => {
    const png = await venueCodePng(ctx, req.actor!, req.params.id, originOf(req));
    return reply.header('Content-Type', 'image/png').header('Cache-Control', 'no-store').send(png);
  });

  app.post('/api/venue-codes', { config: { access: 'venue_code.manage' }, schema: { tags, body: IssueVenueCodeBody, response: { 200: Created } } }, (req) =>
    issueVenueCode(ctx, req.actor!, req.body, req.ip),
  );

  app.post('/api/venue-codes/:id/revoke', { config: { access: 'venue_code.manage' }, schema: { tags, params: IdParams, body: RevokeVenueCodeBody, response: { 200: OkResponse } } }, async (req) => {
    await revokeVenueCode(ctx, req.actor!, req.params.id, req.body.reason, req.ip);
    return { ok: true };
  });

  app.post('/api/venue-codes/:id/reissue', { config: { access: 'venue_code.manage' }, schema: { tags, params: IdParams, body: ReissueVenueCodeBody, response: { 200: Created } } }, (req) =>
    reissueVenueCode(ctx, req.actor!, req.params.id, req.body.validDays ?? 365, req.ip),
  );

  app.post('/api/venue-codes/verify', { config: { access: 'gate.record' }, schema: { tags, body: VerifyVenueCodeBody, response: { 200: VerifiedVenue } } }, (req) =>
    verifyVenue(ctx, req.actor!, req.body.venueToken),
  );
}
