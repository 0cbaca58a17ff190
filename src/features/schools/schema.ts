import { Type } from 'typebox';
import { Nullable, Strict } from '../../http/schema';

export const SCHOOL_TYPES = ['kindergarten', 'primary', 'junior', 'senior', 'nine_year', 'twelve_year', 'vocational', 'special'] as const;
export const SchoolTypeSchema = Type.Union(SCHOOL_TYPES.map((t) => Type.Literal(t)));

export const SchoolSummary = Type.Object({
  id: Type.Number(),
  code: Type.String(),
  name: Type.String(),
  type: Type.String(),
  boarding: Type.Boolean(),
  regionCode: Type.String(),
  regionName: Type.String(),
  studentCount: Type.Number(),
  classCount: Type.Number(),
});

export const SchoolListQuery = Strict({
  regionCode: Type.Optional(Type.String({ pattern: '^\\d{6}$' })),
  type: Type.Optional(SchoolTypeSchema),
  q: Type.Optional(Type.String({ maxLength: 64 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
});

export const ClassSummary = Type.Object({
  id: Type.Number(),
  name: Type.String(),
  gradeId: Type.Number(),
  gradeName: Type.String(),
  studentCount: Type.Number(),
  teacherName: Nullable(Type.String()),
});

export const SchoolDetail = Type.Object({
  school: Type.Object({
    id: Type.Number(),
    code: Type.String(),
    name: Type.String(),
    type: Type.String(),
    boarding: Type.Boolean(),
    address: Type.String(),
    regionCode: Type.String(),
    regionName: Type.String(),
    lng: Nullable(Type.Number()),
    lat: Nullable(Type.Number()),
    hospitalName: Nullable(Type.String()),
  }),
  grades: Type.Array(Type.Object({ id: Type.Number(), name: Type.String(), entryYear: Type.Number() })),
  classes: Type.Array(ClassSummary),
  dorms: Type.Array(Type.Object({ id: Type.Number(), building: Type.String(), room: Type.String(), capacity: Type.Number(), occupants: Type.Number() })),
  counts: Type.Object({ students: Type.Number(), staff: Type.Number(), coResidents: Type.Number() }),
  can: Type.Object({ edit: Type.Boolean(), importRoster: Type.Boolean() }),
});

export const CreateSchoolBody = Strict({
  code: Type.String({ pattern: '^\\d{10}$' }),
  name: Type.String({ minLength: 2, maxLength: 100 }),
  regionCode: Type.String({ pattern: '^\\d{6}$' }),
  type: SchoolTypeSchema,
  boarding: Type.Optional(Type.Boolean()),
  address: Type.Optional(Type.String({ maxLength: 200 })),
  lng: Type.Optional(Type.Number({ minimum: 73, maximum: 136 })),
  lat: Type.Optional(Type.Number({ minimum: 3, maximum: 54 })),
});

export const CreateGradeBody = Strict({ name: Type.String({ minLength: 1, maxLength: 20 }), entryYear: Type.Integer({ minimum: 1990, maximum: 2100 }) });
export const CreateClassBody = Strict({ gradeId: Type.Integer({ minimum: 1 }), name: Type.String({ minLength: 1, maxLength: 20 }) });
export const CreateDormBody = Strict({
  building: Type.String({ minLength: 1, maxLength: 40 }),
  room: Type.String({ minLength: 1, maxLength: 20 }),
  capacity: Type.Integer({ minimum: 1, maximum: 40 }),
  gender: Type.Optional(Type.Union([Type.Literal('male'), Type.Literal('female')])),
});
