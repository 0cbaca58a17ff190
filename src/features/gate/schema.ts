import { Type } from 'typebox';
import { DateString, Nullable, Strict } from '../../http/schema';

export const VisitorInput = Strict({
  name: Type.String({ minLength: 1, maxLength: 40 }),
  idNumber: Type.String({ minLength: 15, maxLength: 18 }),
  phone: Type.String({ minLength: 5, maxLength: 20 }),
  organisation: Type.Optional(Type.String({ maxLength: 80 })),
  host: Type.String({ minLength: 1, maxLength: 40 }),
  purpose: Type.String({ minLength: 1, maxLength: 120 }),
});

/** Exactly one way to name who is at the gate. */
export const GateSubject = Strict({
  studentNumber: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
  idNumber: Type.Optional(Type.String({ minLength: 15, maxLength: 18 })),
  personCode: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  personId: Type.Optional(Type.Integer({ minimum: 1 })),
  visitor: Type.Optional(VisitorInput),
  visitorId: Type.Optional(Type.Integer({ minimum: 1 })),
});

export const GateChecksInput = Strict({
  realNameVerified: Type.Boolean(),
  maskWorn: Type.Boolean(),
  venueCodeScanned: Type.Boolean(),
  travelRecordShown: Type.Boolean(),
});

export const LookupBody = Strict({ venueToken: Type.String({ minLength: 1, maxLength: 600 }), subject: GateSubject });

export const RecordEntryBody = Strict({
  venueToken: Type.String({ minLength: 1, maxLength: 600 }),
  direction: Type.Union([Type.Literal('in'), Type.Literal('out')]),
  subject: GateSubject,
  checks: Type.Optional(GateChecksInput),
  // The schema bounds are wide so the service can name the rule (34–43 °C) in its own error.
  temperature: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
  idempotencyKey: Type.String({ minLength: 8, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }),
});

export const PersonState = Type.Object({
  riskStatus: Type.String(),
  isolated: Type.Boolean(),
  testOverdue: Type.Boolean(),
  leaveUnreturned: Type.Boolean(),
});

export const GatePerson = Type.Object({
  personId: Nullable(Type.Number()),
  visitorId: Nullable(Type.Number()),
  kind: Type.String(),
  name: Type.String(),
  className: Nullable(Type.String()),
  idNumberMasked: Nullable(Type.String()),
});

export const LookupResponse = Type.Object({
  person: GatePerson,
  state: PersonState,
  /** Reasons from the person's state alone: the guard sees them before taking the temperature. */
  stateReasons: Type.Array(Type.String()),
  insideNow: Type.Boolean(),
  gate: Type.Object({ codeId: Type.Number(), name: Type.String(), schoolId: Type.Number(), schoolName: Type.String() }),
});

export const EntryResponse = Type.Object({
  entryId: Type.Number(),
  decision: Type.String(),
  reasons: Type.Array(Type.String()),
  notifyDoctor: Type.Boolean(),
  direction: Type.String(),
  at: Type.String(),
  person: GatePerson,
  /** True when this was a retry of an entry already recorded: nothing new was written. */
  duplicate: Type.Boolean(),
});

export const SchoolDayQuery = Strict({
  schoolId: Type.Integer({ minimum: 1 }),
  date: Type.Optional(DateString),
});

export const LedgerQuery = Strict({
  schoolId: Type.Integer({ minimum: 1 }),
  date: Type.Optional(DateString),
  decision: Type.Optional(Type.Union([Type.Literal('allow'), Type.Literal('refuse')])),
  direction: Type.Optional(Type.Union([Type.Literal('in'), Type.Literal('out')])),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 200 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
});

export const LedgerRow = Type.Object({
  id: Type.Number(),
  at: Type.String(),
  gateName: Type.String(),
  direction: Type.String(),
  kind: Type.String(),
  personId: Nullable(Type.Number()),
  visitorId: Nullable(Type.Number()),
  name: Type.String(),
  className: Nullable(Type.String()),
  idNumberMasked: Nullable(Type.String()),
  realNameVerified: Nullable(Type.Boolean()),
  maskWorn: Nullable(Type.Boolean()),
  venueCodeScanned: Nullable(Type.Boolean()),
  travelRecordShown: Nullable(Type.Boolean()),
  temperature: Nullable(Type.Number()),
  riskStatus: Nullable(Type.String()),
  decision: Type.String(),
  reasons: Type.Array(Type.String()),
  guardName: Nullable(Type.String()),
  noticeId: Nullable(Type.Number()),
  noticeAcknowledged: Nullable(Type.Boolean()),
});

export const LedgerList = Type.Object({ items: Type.Array(LedgerRow), total: Type.Number(), can: Type.Object({ export: Type.Boolean(), acknowledge: Type.Boolean() }) });

export const Headcount = Type.Object({
  schoolId: Type.Number(),
  date: Type.String(),
  inside: Type.Number(),
  insidePersons: Type.Number(),
  insideVisitors: Type.Number(),
  entries: Type.Number(),
  exits: Type.Number(),
  refused: Type.Number(),
  openDoctorNotices: Type.Number(),
});

export const VisitorRow = Type.Object({
  id: Type.Number(),
  name: Type.String(),
  idNumberMasked: Type.String(),
  phoneMasked: Type.String(),
  organisation: Type.String(),
  host: Type.String(),
  purpose: Type.String(),
  registeredAt: Type.String(),
  entryDecision: Nullable(Type.String()),
  insideNow: Type.Boolean(),
});

export const PersonCodeResponse = Type.Object({ personId: Type.Number(), name: Type.String(), code: Type.String(), png: Type.String() });
