import { Type } from 'typebox';
import { DateString, Nullable, Strict } from '../../http/schema';

const literalUnion = (values: readonly string[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Texts = Type.Object({ zh: Type.String(), en: Type.String() });

export const AlertListQuery = Strict({
  status: Type.Optional(literalUnion(['open', 'new', 'acknowledged', 'investigating', 'reported_to_cdc', 'closed'])),
  level: Type.Optional(literalUnion(['report', 'emergency'])),
  escalation: Type.Optional(literalUnion(['school', 'county', 'city', 'province'])),
  unitKind: Type.Optional(literalUnion(['class', 'dorm', 'school', 'region'])),
  source: Type.Optional(literalUnion(['rule', 'scan'])),
  schoolId: Type.Optional(Type.Integer({ minimum: 1 })),
  regionCode: Type.Optional(Type.String({ pattern: '^\\d{6}$' })),
  from: Type.Optional(DateString),
  to: Type.Optional(DateString),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
});

export const AlertSummary = Type.Object({
  id: Type.Number(), source: Type.String(), rule: Type.String(), ruleLabel: Texts, method: Nullable(Type.String()),
  unit: Type.Object({ kind: Type.String(), id: Type.String(), name: Type.String() }),
  schoolId: Nullable(Type.Number()), schoolName: Nullable(Type.String()), classId: Nullable(Type.Number()), dormId: Nullable(Type.Number()),
  regionCode: Type.String(), regionName: Type.String(), level: Type.String(), deadline: Type.String(), disease: Nullable(Type.String()), syndrome: Nullable(Type.String()),
  window: Type.Object({ from: Type.String(), to: Type.String() }), caseCount: Type.Number(), status: Type.String(), outcome: Nullable(Type.String()),
  escalationLevel: Type.String(), raisedAt: Type.String(), dueAt: Type.String(), secondsToDeadline: Nullable(Type.Number()),
  acknowledgedAt: Nullable(Type.String()), reportedAt: Nullable(Type.String()), closedAt: Nullable(Type.String()), closeNote: Nullable(Type.String()), version: Type.Number(),
});

const StatusCounts = Type.Object({ new: Type.Number(), acknowledged: Type.Number(), investigating: Type.Number(), reported_to_cdc: Type.Number(), closed: Type.Number() });

export const AlertList = Type.Object({
  items: Type.Array(AlertSummary), total: Type.Number(), countsByStatus: StatusCounts,
  can: Type.Object({ handle: Type.Boolean(), scan: Type.Boolean(), manageRules: Type.Boolean() }),
});

export const AlertCounts = Type.Object({
  open: Type.Number(), unacknowledged: Type.Number(),
  byLevel: Type.Object({ report: Type.Number(), emergency: Type.Number() }),
  byEscalation: Type.Object({ school: Type.Number(), county: Type.Number(), city: Type.Number(), province: Type.Number() }),
});

export const AlertDetail = Type.Object({
  alert: AlertSummary,
  persons: Type.Array(Type.Object({ id: Type.Number(), name: Type.String(), kind: Type.String(), className: Nullable(Type.String()), addedAt: Type.String() })),
  episodes: Type.Array(Type.Object({ id: Type.Number(), personId: Type.Number(), status: Type.String(), openedOn: Type.String(), lastAbsentOn: Type.String(), symptoms: Type.Array(Type.String()), diagnosisCode: Nullable(Type.String()), closedOn: Nullable(Type.String()) })),
  events: Type.Array(Type.Object({ id: Type.Number(), at: Type.String(), action: Type.String(), fromStatus: Nullable(Type.String()), toStatus: Nullable(Type.String()), note: Nullable(Type.String()), actorName: Nullable(Type.String()) })),
  can: Type.Object({ transitions: Type.Array(Type.String()) }),
});

export const TransitionBody = Strict({
  to: literalUnion(['acknowledged', 'investigating', 'reported_to_cdc', 'closed']),
  outcome: Type.Optional(literalUnion(['outbreak_confirmed', 'not_outbreak'])),
  note: Type.Optional(Type.String({ maxLength: 2000 })),
});

export const TransitionResponse = Type.Object({ id: Type.Number(), status: Type.String(), version: Type.Number(), unchanged: Type.Boolean() });

export const ScanBody = Strict({ date: DateString, regionCode: Type.Optional(Type.String({ pattern: '^\\d{6}$' })) });
export const ScanResponse = Type.Object({ date: Type.String(), schools: Type.Number(), counties: Type.Number(), signals: Type.Number(), raised: Type.Number(), alertIds: Type.Array(Type.Number()) });

export const RegionParams = Strict({ regionCode: Type.String({ pattern: '^\\d{6}$' }) });
export const RuleSetBody = Strict({
  override: Type.Record(Type.String(), Type.Unknown()),
  escalateAfterMinutes: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 10_080 }))),
});
export const RuleSetResponse = Type.Object({
  regionCode: Type.String(), override: Type.Record(Type.String(), Type.Unknown()), escalateAfterMinutes: Nullable(Type.Number()),
  effective: Type.Record(Type.String(), Type.Unknown()), effectiveEscalateAfterMinutes: Type.Number(),
  inherited: Type.Array(Type.Object({ regionCode: Type.String(), name: Type.String(), override: Type.Record(Type.String(), Type.Unknown()) })),
});

export const ManualAlertBody = Strict({
  schoolId: Type.Integer({ minimum: 1 }),
  classId: Type.Optional(Type.Integer({ minimum: 1 })),
  personIds: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 200 })),
  level: Type.Optional(literalUnion(['report', 'emergency'])),
  deadline: Type.Optional(literalUnion(['immediate', '2h', '24h'])),
  disease: Type.Optional(Type.String({ maxLength: 40 })),
  note: Type.String({ minLength: 1, maxLength: 2000 }),
});
export const ManualAlertResponse = Type.Object({ id: Type.Number(), created: Type.Boolean() });
