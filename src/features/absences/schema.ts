import { Type } from 'typebox';
import { DateString, Nullable, Strict } from '../../http/schema';


export const EpisodeListQuery = Strict({
  schoolId: Type.Optional(Type.Integer({ minimum: 1 })),
  status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('closed')])),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 200 })),
});
export const QueueQuery = Strict({ schoolId: Type.Integer({ minimum: 1 }), date: Type.Optional(DateString) });

export const FollowUpBody = Strict({
  version: Type.Integer({ minimum: 1 }),
  guardianContactedAt: Type.Optional(Nullable(Type.String({ format: 'date-time' }))),
  guardianContactMethod: Type.Optional(Nullable(Type.Union([Type.Literal('phone'), Type.Literal('wechat'), Type.Literal('sms'), Type.Literal('visit'), Type.Literal('other')]))),
  symptoms: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 20 })),
  onsetDate: Type.Optional(Nullable(DateString)),
  doctorVisit: Type.Optional(Nullable(Type.Boolean())),
  hospital: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
  diagnosisCode: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
  diagnosisText: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  feverFreeSince: Type.Optional(Nullable(Type.String({ format: 'date-time' }))),
  expectedReturn: Type.Optional(Nullable(DateString)),
});

export const ReturnBody = Strict({
  hospital: Type.String({ minLength: 1, maxLength: 100 }),
  issuedOn: DateString,
  returnOn: DateString,
  diagnosisCode: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
  diagnosisText: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  feverFreeHours: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 10_000 }))),
  symptomsResolved: Type.Boolean(),
  lesionsCrusted: Type.Optional(Type.Boolean()),
  testNegative: Type.Optional(Type.Boolean()),
  photo: Type.Optional(Strict({ type: Type.String({ maxLength: 40 }), dataBase64: Type.String({ maxLength: 3_000_000 }) })),
});

export const PolicyParams = Strict({ regionCode: Type.String({ pattern: '^\\d{6}$' }), diseaseCode: Type.String({ maxLength: 40 }) });
export const PolicyQuery = Strict({ regionCode: Type.Optional(Type.String({ pattern: '^\\d{6}$' })) });
export const PolicyBody = Strict({
  minDaysFromOnset: Nullable(Type.Integer({ minimum: 0, maximum: 90 })),
  feverFreeHours: Nullable(Type.Integer({ minimum: 0, maximum: 720 })),
  symptomFreeHours: Nullable(Type.Integer({ minimum: 0, maximum: 720 })),
  requiresLesionsCrusted: Type.Boolean(),
  requiresTestNegative: Type.Boolean(),
});

export const Episode = Type.Object({
  id: Type.Number(), schoolId: Type.Number(), personId: Type.Number(), personName: Type.String(), classId: Nullable(Type.Number()), className: Nullable(Type.String()),
  kind: Type.String(), status: Type.String(), openedOn: Type.String(), lastAbsentOn: Type.String(), absentSessions: Type.Number(), symptoms: Type.Array(Type.String()),
  onsetDate: Nullable(Type.String()), guardianContactedAt: Nullable(Type.String()), guardianContactMethod: Nullable(Type.String()), doctorVisit: Nullable(Type.Boolean()),
  hospital: Nullable(Type.String()), diagnosisCode: Nullable(Type.String()), diagnosisText: Nullable(Type.String()), feverFreeSince: Nullable(Type.String()),
  expectedReturn: Nullable(Type.String()), closedOn: Nullable(Type.String()), causeKnown: Type.Boolean(), version: Type.Number(),
});

export const Certificate = Type.Object({
  id: Type.Number(), hospital: Type.String(), issuedOn: Type.String(), returnOn: Type.String(), diagnosisCode: Nullable(Type.String()), diagnosisText: Nullable(Type.String()),
  decision: Type.String(), reasons: Type.Array(Type.String()), reasonTexts: Type.Array(Type.String()), earliestReturn: Nullable(Type.String()), hasPhoto: Type.Boolean(), recordedAt: Type.String(),
});

export const EpisodeDetail = Type.Object({ episode: Episode, certificates: Type.Array(Certificate), policy: Type.Unknown(), earliestReturn: Type.String(), can: Type.Object({ followUp: Type.Boolean() }) });
export const ReturnResponse = Type.Object({ certificate: Certificate, episode: Episode });
