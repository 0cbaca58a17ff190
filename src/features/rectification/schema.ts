import { Type } from 'typebox';
import { DateString, Nullable, Strict } from '../../http/schema';

export const Severity = Type.Union([Type.Literal('low'), Type.Literal('medium'), Type.Literal('high')]);

/** One finding as an inspector or reviewer writes it; the owner defaults to the school's grid owner. */
export const FindingInput = Strict({
  itemKey: Type.Optional(Type.String({ minLength: 1, maxLength: 48 })),
  title: Type.String({ minLength: 2, maxLength: 200 }),
  description: Type.Optional(Type.String({ maxLength: 2000 })),
  severity: Type.Optional(Severity),
  ownerAccountId: Type.Optional(Type.Integer({ minimum: 1 })),
  deadline: DateString,
  requiredEvidence: Type.String({ minLength: 2, maxLength: 500 }),
});

export const CreateFindingBody = Strict({
  schoolId: Type.Integer({ minimum: 1 }),
  inspectionId: Type.Optional(Type.Integer({ minimum: 1 })),
  ...FindingInput.properties,
});

export const FindingListQuery = Strict({
  schoolId: Type.Optional(Type.Integer({ minimum: 1 })),
  regionCode: Type.Optional(Type.String({ pattern: '^\\d{6}$' })),
  status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('submitted'), Type.Literal('closed'), Type.Literal('overdue'), Type.Literal('mine')])),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 200 })),
});

export const FindingSummary = Type.Object({
  id: Type.Number(),
  schoolId: Type.Number(),
  schoolName: Type.String(),
  regionCode: Type.String(),
  source: Type.String(),
  inspectionId: Nullable(Type.Number()),
  itemKey: Nullable(Type.String()),
  title: Type.String(),
  severity: Type.String(),
  ownerAccountId: Type.Number(),
  ownerName: Type.String(),
  deadline: Type.String(),
  requiredEvidence: Type.String(),
  status: Type.String(),
  overdue: Type.Boolean(),
  escalationLevel: Type.Number(),
  escalatedToName: Nullable(Type.String()),
  reopenCount: Type.Number(),
  evidenceCount: Type.Number(),
});

export const FindingDetail = Type.Object({
  finding: FindingSummary,
  description: Type.String(),
  evidence: Type.Array(Type.Object({ id: Type.Number(), fileName: Type.String(), contentType: Type.String(), size: Type.Number(), note: Type.String(), uploadedBy: Nullable(Type.String()), uploadedAt: Type.String() })),
  events: Type.Array(Type.Object({ kind: Type.String(), accountName: Nullable(Type.String()), note: Type.String(), at: Type.String() })),
  can: Type.Object({ uploadEvidence: Type.Boolean(), recheck: Type.Boolean() }),
});

export const EvidenceQuery = Strict({ fileName: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })), note: Type.Optional(Type.String({ maxLength: 500 })) });

export const RecheckBody = Strict({ outcome: Type.Union([Type.Literal('close'), Type.Literal('reopen')]), note: Type.String({ minLength: 2, maxLength: 1000 }) });

export const AccountabilityBody = Strict({
  accountId: Type.Integer({ minimum: 1 }),
  findingId: Type.Optional(Type.Integer({ minimum: 1 })),
  schoolId: Type.Optional(Type.Integer({ minimum: 1 })),
  measure: Type.Union(['reminder_talk', 'criticism', 'written_warning', 'disciplinary', 'other'].map((m) => Type.Literal(m))),
  reason: Type.String({ minLength: 2, maxLength: 1000 }),
  decidedOn: DateString,
});

export const AccountabilityQuery = Strict({ schoolId: Type.Optional(Type.Integer({ minimum: 1 })), regionCode: Type.Optional(Type.String({ pattern: '^\\d{6}$' })) });

export const EvidenceParams = Strict({ id: Type.Integer({ minimum: 1 }), evidenceId: Type.Integer({ minimum: 1 }) });
