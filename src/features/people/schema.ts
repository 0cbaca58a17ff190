import { Type } from 'typebox';
import { DateString, Nullable, Strict } from '../../http/schema';

export const STAFF_ROLES = ['principal', 'teacher', 'doctor', 'administrative', 'security', 'cleaning', 'catering', 'dormitory', 'other'] as const;
export const KEY_POSITIONS = ['security', 'cleaning', 'catering', 'dormitory', 'other'] as const;
const literalUnion = (values: readonly string[]) => Type.Union(values.map((v) => Type.Literal(v)));

export const PersonKindSchema = literalUnion(['student', 'staff', 'co_resident']);
export const GenderSchema = literalUnion(['male', 'female']);

export const PersonRow = Type.Object({
  id: Type.Number(),
  kind: Type.String(),
  name: Type.String(),
  gender: Nullable(Type.String()),
  birthDate: Nullable(Type.String()),
  idNumberMasked: Nullable(Type.String()),
  phoneMasked: Nullable(Type.String()),
  schoolId: Type.Number(),
  schoolName: Type.String(),
  classId: Nullable(Type.Number()),
  className: Nullable(Type.String()),
  studentNumber: Nullable(Type.String()),
  staffRole: Nullable(Type.String()),
  keyPosition: Nullable(Type.String()),
  householdOf: Nullable(Type.Number()),
  relation: Nullable(Type.String()),
  occupation: Nullable(Type.String()),
  highRiskOccupation: Type.Boolean(),
  dormLabel: Nullable(Type.String()),
});

export const PersonListQuery = Strict({
  schoolId: Type.Optional(Type.Integer({ minimum: 1 })),
  classId: Type.Optional(Type.Integer({ minimum: 1 })),
  kind: Type.Optional(PersonKindSchema),
  keyPosition: Type.Optional(literalUnion(KEY_POSITIONS)),
  q: Type.Optional(Type.String({ maxLength: 64 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
});

export const PersonList = Type.Object({ items: Type.Array(PersonRow), total: Type.Number(), can: Type.Object({ create: Type.Boolean(), export: Type.Boolean(), unmask: Type.Boolean() }) });

export const GuardianInput = Strict({
  name: Type.String({ minLength: 1, maxLength: 40 }),
  relation: Type.String({ minLength: 1, maxLength: 20 }),
  phone: Type.String({ minLength: 5, maxLength: 20 }),
});

export const CreatePersonBody = Strict({
  kind: PersonKindSchema,
  schoolId: Type.Integer({ minimum: 1 }),
  name: Type.String({ minLength: 1, maxLength: 40 }),
  gender: Type.Optional(GenderSchema),
  birthDate: Type.Optional(DateString),
  idNumber: Type.Optional(Type.String({ minLength: 15, maxLength: 18 })),
  phone: Type.Optional(Type.String({ minLength: 5, maxLength: 20 })),
  classId: Type.Optional(Type.Integer({ minimum: 1 })),
  dormId: Type.Optional(Type.Integer({ minimum: 1 })),
  studentNumber: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
  staffRole: Type.Optional(literalUnion(STAFF_ROLES)),
  keyPosition: Type.Optional(literalUnion(KEY_POSITIONS)),
  householdOf: Type.Optional(Type.Integer({ minimum: 1 })),
  relation: Type.Optional(Type.String({ minLength: 1, maxLength: 20 })),
  occupation: Type.Optional(Type.String({ maxLength: 60 })),
  highRiskOccupation: Type.Optional(Type.Boolean()),
  guardians: Type.Optional(Type.Array(GuardianInput, { maxItems: 4 })),
});

export const UpdatePersonBody = Strict({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
  gender: Type.Optional(GenderSchema),
  phone: Type.Optional(Type.String({ minLength: 5, maxLength: 20 })),
  classId: Type.Optional(Type.Integer({ minimum: 1 })),
  dormId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
  staffRole: Type.Optional(literalUnion(STAFF_ROLES)),
  keyPosition: Type.Optional(Nullable(literalUnion(KEY_POSITIONS))),
  occupation: Type.Optional(Type.String({ maxLength: 60 })),
  highRiskOccupation: Type.Optional(Type.Boolean()),
  active: Type.Optional(Type.Boolean()),
});

export const UnmaskBody = Strict({ field: literalUnion(['idNumber', 'phone', 'guardianPhone']), guardianId: Type.Optional(Type.Integer({ minimum: 1 })) });

export const PersonFile = Type.Object({
  person: PersonRow,
  // Left out, like the sections, for an actor whose permissions do not open them.
  guardians: Type.Optional(Type.Array(Type.Object({ id: Type.Number(), name: Type.String(), relation: Type.String(), phoneMasked: Nullable(Type.String()) }))),
  household: Type.Optional(Type.Array(PersonRow)),
  sections: Type.Array(Type.Object({ key: Type.String(), title: Type.Object({ zh: Type.String(), en: Type.String() }), items: Type.Array(Type.Unknown()) })),
  can: Type.Object({ edit: Type.Boolean(), unmask: Type.Boolean() }),
});
