import { Type } from 'typebox';
import { AREA_TYPES, HYGIENE_KINDS } from '../../domain/hygiene/frequency';
import { DateString, Nullable, Strict } from '../../http/schema';

const union = (values: readonly string[]) => Type.Union(values.map((v) => Type.Literal(v)));

export const AreaTypeSchema = union(AREA_TYPES);
export const HygieneKindSchema = union(HYGIENE_KINDS);

export const SchoolQuery = Strict({ schoolId: Type.Integer({ minimum: 1 }) });
export const LogQuery = Strict({ schoolId: Type.Integer({ minimum: 1 }), date: Type.Optional(DateString), areaId: Type.Optional(Type.Integer({ minimum: 1 })) });

export const CreateAreaBody = Strict({ schoolId: Type.Integer({ minimum: 1 }), name: Type.String({ minLength: 1, maxLength: 40 }), areaType: AreaTypeSchema });

export const CreateLogBody = Strict({
  areaId: Type.Integer({ minimum: 1 }),
  kind: HygieneKindSchema,
  /** When it was done; defaults to now. Not in the future. */
  doneAt: Type.Optional(Type.String({ format: 'date-time' })),
  method: Type.String({ minLength: 1, maxLength: 60 }),
  agent: Type.Optional(Type.String({ maxLength: 60 })),
  doneBy: Type.String({ minLength: 1, maxLength: 40 }),
  result: Type.Optional(union(['pass', 'fail'])),
  note: Type.Optional(Type.String({ maxLength: 500 })),
  idempotencyKey: Type.String({ minLength: 8, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }),
});

export const AreaRow = Type.Object({ id: Type.Number(), name: Type.String(), areaType: Type.String(), lastVentilation: Nullable(Type.String()), lastDisinfection: Nullable(Type.String()), lastInspection: Nullable(Type.String()) });
export const LogRow = Type.Object({
  id: Type.Number(), areaId: Type.Number(), areaName: Type.String(), kind: Type.String(), doneAt: Type.String(), method: Type.String(), agent: Type.String(),
  doneBy: Type.String(), result: Nullable(Type.String()), note: Type.String(),
});
export const OverdueList = Type.Object({
  footing: Type.String(),
  items: Type.Array(Type.Object({ areaId: Type.Number(), areaName: Type.String(), areaType: Type.String(), kind: Type.String(), requiredHours: Type.Number(), lastAt: Nullable(Type.String()), dueAt: Type.String(), overdueHours: Type.Number() })),
});
