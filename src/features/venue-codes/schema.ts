import { Type } from 'typebox';
import { Nullable, Strict } from '../../http/schema';

export const VenueKindSchema = Type.Union([Type.Literal('gate'), Type.Literal('site'), Type.Literal('bureau_building')]);

export const VenueCodeRow = Type.Object({
  id: Type.Number(),
  schoolId: Nullable(Type.Number()),
  schoolName: Nullable(Type.String()),
  regionCode: Nullable(Type.String()),
  kind: Type.String(),
  name: Type.String(),
  status: Type.Union([Type.Literal('active'), Type.Literal('revoked'), Type.Literal('expired')]),
  issuedAt: Type.String(),
  expiresAt: Type.String(),
  revokedAt: Nullable(Type.String()),
  revokeReason: Nullable(Type.String()),
  replacesId: Nullable(Type.Number()),
  /** What the QR code holds; shown only to those who may print it. */
  token: Nullable(Type.String()),
  link: Nullable(Type.String()),
});

export const VenueCodeList = Type.Object({ items: Type.Array(VenueCodeRow), can: Type.Object({ manage: Type.Boolean() }) });

export const VenueCodeListQuery = Strict({
  schoolId: Type.Optional(Type.Integer({ minimum: 1 })),
  includeInactive: Type.Optional(Type.Boolean()),
});

export const IssueVenueCodeBody = Strict({
  schoolId: Type.Optional(Type.Integer({ minimum: 1 })),
  regionCode: Type.Optional(Type.String({ pattern: '^\\d{6}$' })),
  kind: VenueKindSchema,
  name: Type.String({ minLength: 1, maxLength: 40 }),
  validDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 1095, default: 365 })),
});

export const RevokeVenueCodeBody = Strict({ reason: Type.String({ minLength: 1, maxLength: 200 }) });
export const ReissueVenueCodeBody = Strict({ validDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 1095, default: 365 })) });
export const VerifyVenueCodeBody = Strict({ venueToken: Type.String({ minLength: 1, maxLength: 600 }) });

export const VerifiedVenue = Type.Object({
  codeId: Type.Number(),
  schoolId: Nullable(Type.Number()),
  schoolName: Nullable(Type.String()),
  name: Type.String(),
  kind: Type.String(),
  expiresAt: Type.String(),
});
