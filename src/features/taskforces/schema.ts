import { Type } from 'typebox';
import { DateString, Nullable, Strict } from '../../http/schema';

const Instant = Type.String({ format: 'date-time' });

export const TaskForceListQuery = Strict({
  regionCode: Type.Optional(Type.String({ pattern: '^\\d{6}$' })),
  schoolId: Type.Optional(Type.Integer({ minimum: 1 })),
});

/** A bureau names its region; a school's task force names the school (its region follows from it). */
export const CreateTaskForceBody = Strict({
  regionCode: Type.Optional(Type.String({ pattern: '^\\d{6}$' })),
  schoolId: Type.Optional(Type.Integer({ minimum: 1 })),
  name: Type.String({ minLength: 2, maxLength: 120 }),
  remit: Type.String({ minLength: 2, maxLength: 4000 }),
  discipline: Type.Optional(Type.String({ maxLength: 20000 })),
});

export const UpdateTaskForceBody = Strict({
  name: Type.Optional(Type.String({ minLength: 2, maxLength: 120 })),
  remit: Type.Optional(Type.String({ minLength: 2, maxLength: 4000 })),
  /** The discipline requirements (纪律要求) as one document, shown to every member. */
  discipline: Type.Optional(Type.String({ maxLength: 20000 })),
  active: Type.Optional(Type.Boolean()),
});

export const AddMemberBody = Strict({
  accountId: Type.Optional(Type.Integer({ minimum: 1 })),
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
  duty: Type.String({ minLength: 1, maxLength: 200 }),
  phone: Type.Optional(Type.String({ pattern: '^[0-9+\\- ]{5,20}$' })),
});

export const AddShiftsBody = Strict({
  shifts: Type.Array(Strict({ accountId: Type.Integer({ minimum: 1 }), startsAt: Instant, endsAt: Instant, post: Type.Optional(Type.String({ maxLength: 100 })) }), { minItems: 1, maxItems: 200 }),
});

export const ShiftParams = Strict({ id: Type.Integer({ minimum: 1 }), shiftId: Type.Integer({ minimum: 1 }) });
export const DutyQuery = Strict({ regionCode: Type.Optional(Type.String({ pattern: '^\\d{6}$' })), date: Type.Optional(DateString) });
export const ShiftsQuery = Strict({ from: Type.Optional(DateString), days: Type.Optional(Type.Integer({ minimum: 1, maximum: 62, default: 14 })) });

export const TaskForceSummary = Type.Object({
  id: Type.Number(),
  regionCode: Type.String(),
  regionName: Type.String(),
  schoolId: Nullable(Type.Number()),
  schoolName: Nullable(Type.String()),
  name: Type.String(),
  remit: Type.String(),
  active: Type.Boolean(),
  memberCount: Type.Number(),
  onDutyNow: Type.Number(),
});

export const Shift = Type.Object({ id: Type.Number(), accountId: Type.Number(), name: Type.String(), post: Type.String(), startsAt: Type.String(), endsAt: Type.String() });

export const TaskForceDetail = Type.Object({
  taskForce: TaskForceSummary,
  discipline: Type.String(),
  members: Type.Array(Type.Object({ id: Type.Number(), accountId: Nullable(Type.Number()), name: Type.String(), duty: Type.String(), phone: Type.String() })),
  shifts: Type.Array(Shift),
  can: Type.Object({ manage: Type.Boolean() }),
});

export const DutyToday = Type.Object({
  date: Type.String(),
  items: Type.Array(Type.Object({ taskForceId: Type.Number(), taskForce: Type.String(), name: Type.String(), phone: Type.String(), post: Type.String(), startsAt: Type.String(), endsAt: Type.String(), onDutyNow: Type.Boolean() })),
});
