import { Type } from 'typebox';
import type { AppContext } from '../../http/context';
import type { App } from '../../http/types';
import { DecideProposalBody, ProposalListQuery } from './schema';
import { decideProposal, proposals } from './service';

const Loose = Type.Object({}, { additionalProperties: true });

/** Re-entry proposals (返校返岗研判): the isolations and tests that returns and screening answers propose, decided by the school. */
export function registerReentryRoutes(app: App, ctx: AppContext) {
  const tags = ['reentry'];
  app.get('/api/reentry/proposals', { config: { access: 'isolation.read' }, schema: { tags, querystring: ProposalListQuery, response: { 200: Type.Object({ items: Type.Array(Loose) }) } } }, (req) =>
    proposals(ctx, req.actor!, req.query, req.ip),
  );
  app.post('/api/reentry/proposals/decide', { config: { access: 'isolation.manage' }, schema: { tags, body: DecideProposalBody, response: { 200: Loose } } }, (req) =>
    decideProposal(ctx, req.actor!, req.body, req.ip),
  );
}
