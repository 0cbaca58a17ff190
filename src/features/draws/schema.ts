import { Type } from 'typebox';
import { DateString, Nullable, Strict } from '../../http/schema';

export const DrawKind = Type.Union([Type.Literal('weekly_spot_check'), Type.Literal('daily_self_report')]);
const Hex64 = Type.String({ pattern: '^[0-9a-fA-F]{64}$' });

export const CreateDrawBody = Strict({
  regionCode: Type.String({ pattern: '^\\d{6}$' }),
  kind: DrawKind,
  count: Type.Integer({ minimum: 1, maximum: 50 }),
  drawDate: Type.Optional(DateString),
  /** A bureau that keeps its own seed publishes only its commitment; it reveals the seed when performing. */
  commitment: Type.Optional(Hex64),
  /** Required for a second draw of the same kind in the same period. */
  reason: Type.Optional(Type.String({ minLength: 4, maxLength: 500 })),
});

export const PerformDrawBody = Strict({ seed: Type.Optional(Type.String({ minLength: 1, maxLength: 1024 })) });

export const DrawListQuery = Strict({
  regionCode: Type.Optional(Type.String({ pattern: '^\\d{6}$' })),
  kind: Type.Optional(DrawKind),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
});

export const DrawSummary = Type.Object({
  id: Type.Number(),
  publicId: Type.String(),
  regionCode: Type.String(),
  regionName: Type.String(),
  kind: Type.String(),
  period: Type.String(),
  attempt: Type.Number(),
  drawDate: Type.String(),
  count: Type.Number(),
  eligible: Type.Number(),
  status: Type.String(),
  commitment: Type.String(),
  inputHash: Type.String(),
  reason: Nullable(Type.String()),
  createdAt: Type.String(),
  revealedAt: Nullable(Type.String()),
  selected: Type.Array(Type.Object({ schoolId: Type.Number(), schoolName: Type.String(), rank: Type.Number() })),
});

export const DrawDetail = Type.Object({
  draw: DrawSummary,
  seed: Nullable(Type.String()),
  seedSource: Type.String(),
  explanations: Type.Array(Type.Object({ rank: Type.Number(), schoolId: Type.Number(), schoolName: Type.String(), weight: Type.Number(), probability: Type.Number(), explanation: Type.String() })),
  samePeriod: Type.Array(Type.Object({ id: Type.Number(), attempt: Type.Number(), status: Type.String(), reason: Nullable(Type.String()) })),
  can: Type.Object({ perform: Type.Boolean() }),
});

const RecordSchool = Type.Object({ id: Type.String(), county: Type.String(), schoolType: Type.String(), lastDrawnOn: Nullable(Type.String()) });

/** Exactly what `campusguard verify-draw` reads (docs/draws.md); seed and result once revealed. */
export const DrawRecord = Type.Object({
  format: Type.Literal('campusguard.draw/1'),
  commitment: Type.String(),
  inputHash: Type.String(),
  seed: Type.Optional(Type.String()),
  params: Type.Object({
    drawId: Type.String(),
    kind: Type.String(),
    drawDate: Type.String(),
    count: Type.Number(),
    stratifyBy: Type.Optional(Type.Array(Type.String())),
    weighting: Type.Optional(Type.Object({ scaleDays: Type.Number(), capDays: Type.Number() })),
  }),
  schools: Type.Array(RecordSchool),
  result: Type.Optional(Type.Object({ selected: Type.Array(Type.String()) })),
});

export const PublicIdParams = Strict({ publicId: Type.String({ pattern: '^[0-9A-Za-z_-]{1,80}$' }) });
