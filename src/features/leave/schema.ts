import { Type } from 'typebox';
import { DateString, Strict } from '../../http/schema';
import { lit, RegionCode } from '../policies/schema';

export const CreateLeaveBody = Strict({
  personId: Type.Integer({ minimum: 1 }),
  fromDate: DateString,
  toDate: DateString,
  reason: Type.String({ minLength: 2, maxLength: 200 }),
  destination: Type.String({ minLength: 1, maxLength: 100 }),
  destinationRegionCode: Type.Optional(RegionCode),
  idempotencyKey: Type.Optional(Type.String({ minLength: 8, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' })),
});
export const DecisionBody = Strict({ decision: lit(['approved', 'rejected']), note: Type.Optional(Type.String({ maxLength: 200 })) });
export const TravelStay = Strict({
  regionCode: RegionCode,
  place: Type.String({ minLength: 1, maxLength: 100 }),
  fromDate: DateString,
  toDate: DateString,
});
export const ReturnBody = Strict({ returnedOn: DateString, travel: Type.Optional(Type.Array(TravelStay, { maxItems: 20 })) });
export const LeaveListQuery = Strict({
  schoolId: Type.Optional(Type.Integer({ minimum: 1 })),
  classId: Type.Optional(Type.Integer({ minimum: 1 })),
  personId: Type.Optional(Type.Integer({ minimum: 1 })),
  status: Type.Optional(lit(['pending', 'approved', 'rejected', 'returned'])),
  /** Only the requests waiting for the caller's decision. */
  awaitingMe: Type.Optional(Type.Boolean()),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 200 })),
});
export const ApproversBody = Strict({
  steps: Type.Array(
    Strict({ accountId: Type.Integer({ minimum: 1 }), label: Type.String({ minLength: 1, maxLength: 30 }), moreThanDays: Type.Integer({ minimum: 0, maximum: 365 }) }),
    { maxItems: 6 },
  ),
});

const ChainStep = Type.Object({
  step: Type.Number(), accountId: Type.Number(), name: Type.String(), label: Type.String(),
  decision: Type.Union([Type.Null(), Type.String()]), decidedAt: Type.Union([Type.Null(), Type.String()]), note: Type.Union([Type.Null(), Type.String()]),
});
export const LeaveView = Type.Object({
  id: Type.Number(),
  personId: Type.Number(),
  personName: Type.String(),
  personKind: Type.String(),
  schoolId: Type.Number(),
  className: Type.Union([Type.Null(), Type.String()]),
  fromDate: Type.String(),
  toDate: Type.String(),
  days: Type.Number(),
  reason: Type.String(),
  destination: Type.String(),
  destinationRegionCode: Type.Union([Type.Null(), Type.String()]),
  status: Type.String(),
  chain: Type.Array(ChainStep),
  nextApprover: Type.Union([Type.Null(), ChainStep]),
  returnedOn: Type.Union([Type.Null(), Type.String()]),
  returnCheck: Type.Union([Type.Null(), Type.Unknown()]),
  requestedAt: Type.String(),
  can: Type.Object({ decide: Type.Boolean(), return: Type.Boolean() }),
});
export const LeaveList = Type.Object({ items: Type.Array(LeaveView) });
export const ApproversView = Type.Object({
  steps: Type.Array(Type.Object({ step: Type.Number(), accountId: Type.Number(), name: Type.String(), label: Type.String(), moreThanDays: Type.Number() })),
  candidates: Type.Array(Type.Object({ accountId: Type.Number(), name: Type.String(), role: Type.String() })),
});
