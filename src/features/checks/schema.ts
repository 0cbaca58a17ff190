import { Type } from 'typebox';
import { DateString, Nullable, Strict } from '../../http/schema';

export const SessionSchema = Type.Union([Type.Literal('morning'), Type.Literal('noon'), Type.Literal('evening')]);
export const StatusSchema = Type.Union([Type.Literal('absent_ill'), Type.Literal('absent_other'), Type.Literal('present_symptomatic')]);

export const ClassParams = Strict({ classId: Type.Integer({ minimum: 1 }) });
export const SchoolParams = Strict({ schoolId: Type.Integer({ minimum: 1 }) });
export const FormQuery = Strict({ date: DateString, session: SessionSchema });
export const RangeQuery = Strict({ from: DateString, to: DateString });

export const ExceptionInput = Strict({
  personId: Type.Integer({ minimum: 1 }),
  status: StatusSchema,
  symptoms: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 20 })),
  // The 34–43 °C range is checked by the service, so the error names the rule in words.
  temperature: Type.Optional(Nullable(Type.Number())),
  note: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
});

export const SubmitBody = Strict({
  date: DateString,
  session: SessionSchema,
  /** The version this submission edits; absent for a first submission. */
  version: Type.Optional(Type.Integer({ minimum: 1 })),
  zeroReport: Type.Optional(Type.Boolean()),
  exceptions: Type.Optional(Type.Array(ExceptionInput, { maxItems: 200 })),
  /** Milliseconds the form was open before sending (plausibility only). */
  entryMs: Type.Optional(Type.Integer({ minimum: 0, maximum: 86_400_000 })),
  /** False when the page queued the submission offline and sends it later. */
  online: Type.Optional(Type.Boolean()),
});

export const Counts = Type.Object({
  expected: Type.Number(), present: Type.Number(), absentIll: Type.Number(), absentOther: Type.Number(), symptomatic: Type.Number(),
  symptoms: Type.Record(Type.String(), Type.Number()),
});

export const StoredCheck = Type.Object({
  id: Type.Number(),
  schoolId: Type.Number(),
  classId: Nullable(Type.Number()),
  date: Type.String(),
  session: Type.String(),
  version: Type.Number(),
  late: Type.Boolean(),
  zeroReport: Type.Boolean(),
  online: Type.Boolean(),
  flags: Type.Array(Type.String()),
  counts: Counts,
  submittedAt: Type.String(),
});

export const SubmitResponse = Type.Object({ check: StoredCheck, replayed: Type.Boolean() });

export const ConvertBody = Strict({
  symptoms: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 20 })),
  temperature: Type.Optional(Nullable(Type.Number())),
});

export const FormResponse = Type.Object({
  schoolId: Type.Number(),
  classId: Nullable(Type.Number()),
  date: Type.String(),
  session: Type.String(),
  schoolDay: Type.Boolean(),
  calendarCovered: Type.Boolean(),
  sessions: Type.Array(Type.Object({ session: Type.String(), deadline: Type.String() })),
  deadline: Nullable(Type.String()),
  lateIfSubmittedNow: Type.Boolean(),
  roster: Type.Array(Type.Object({
    personId: Type.Number(), name: Type.String(), number: Nullable(Type.String()),
    status: Type.String(), symptoms: Type.Array(Type.String()), temperature: Nullable(Type.Number()), note: Nullable(Type.String()),
  })),
  check: Nullable(StoredCheck),
  symptoms: Type.Array(Type.Object({ code: Type.String(), nameZh: Type.String(), nameEn: Type.String() })),
  can: Type.Object({ submit: Type.Boolean() }),
});

export const CheckList = Type.Object({ items: Type.Array(StoredCheck) });
