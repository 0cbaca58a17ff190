import { Type } from 'typebox';
import { DateString, Strict } from '../../http/schema';
import { lit, RegionCode } from '../policies/schema';

export const TestKindSchema = lit(['pcr', 'antigen']);
export const ScheduleBody = Strict({
  name: Type.String({ minLength: 1, maxLength: 60 }),
  regionCode: Type.Optional(RegionCode),
  schoolId: Type.Optional(Type.Integer({ minimum: 1 })),
  group: lit(['all', 'students', 'staff', 'key_positions']),
  weekdays: Type.Array(Type.Integer({ minimum: 1, maximum: 7 }), { minItems: 1, maxItems: 7, uniqueItems: true }),
  testKind: TestKindSchema,
  startsOn: DateString,
  endsOn: Type.Optional(DateString),
});
export const ResultBody = Strict({
  personId: Type.Integer({ minimum: 1 }),
  testKind: TestKindSchema,
  sampledOn: DateString,
  result: lit(['negative', 'positive']),
  lab: Type.Optional(Type.String({ maxLength: 60 })),
});
export const DueQuery = Strict({
  schoolId: Type.Optional(Type.Integer({ minimum: 1 })),
  classId: Type.Optional(Type.Integer({ minimum: 1 })),
  status: Type.Optional(lit(['due', 'overdue'])),
});
export const ResultsQuery = Strict({
  schoolId: Type.Optional(Type.Integer({ minimum: 1 })),
  classId: Type.Optional(Type.Integer({ minimum: 1 })),
  personId: Type.Optional(Type.Integer({ minimum: 1 })),
  from: Type.Optional(DateString),
  to: Type.Optional(DateString),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000, default: 500 })),
});
export const ImportQuery = Strict({ schoolId: Type.Integer({ minimum: 1 }) });
const Loose = Type.Object({}, { additionalProperties: true });
export const ItemsResponse = Type.Object({ items: Type.Array(Loose) });
export const DueResponse = Type.Object({ date: Type.String(), items: Type.Array(Loose), byClass: Type.Array(Loose), totals: Type.Object({ due: Type.Number(), overdue: Type.Number() }) });
export const ResultResponse = Type.Object({ id: Type.Number(), repeated: Type.Boolean(), caseId: Type.Union([Type.Null(), Type.Number()]), riskStatus: Type.Union([Type.Null(), Type.String()]) });
export const ImportResponse = Type.Object({ imported: Type.Number(), repeated: Type.Number(), positives: Type.Number(), caseIds: Type.Array(Type.Number()) });
