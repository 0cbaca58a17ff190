import { Type } from 'typebox';
import { Strict } from '../../http/schema';
import { lit } from '../policies/schema';

export const ProposalListQuery = Strict({
  schoolId: Type.Optional(Type.Integer({ minimum: 1 })),
  status: Type.Optional(lit(['pending', 'decided', 'all'])),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
});

export const DecideProposalBody = Strict({
  source: lit(['leave', 'screening']),
  /** The leave request's id, or "campaignId:personId" for a screening answer. */
  sourceRef: Type.String({ pattern: '^\\d{1,18}(:\\d{1,18})?$' }),
  index: Type.Integer({ minimum: 0, maximum: 20 }),
  decision: lit(['order', 'dismiss']),
  /** For an isolation at a site (集中隔离点). */
  siteId: Type.Optional(Type.Integer({ minimum: 1 })),
  reason: Type.Optional(Type.String({ maxLength: 200 })),
});
