import { Type } from 'typebox';
import { DateString, Nullable, Strict } from '../../http/schema';
import { DiseaseCode, lit } from '../policies/schema';

export const CaseStatusSchema = lit(['suspected', 'confirmed', 'excluded']);
export const FoundBySchema = lit(['check', 'alert', 'test', 'hospital', 'contact', 'other']);

export const CreateCaseBody = Strict({
  personId: Type.Integer({ minimum: 1 }),
  disease: DiseaseCode,
  status: CaseStatusSchema,
  onsetDate: Type.Optional(DateString),
  foundBy: FoundBySchema,
  alertId: Type.Optional(Type.Integer({ minimum: 1 })),
  sourceCaseId: Type.Optional(Type.Integer({ minimum: 1 })),
  note: Type.Optional(Type.String({ maxLength: 500 })),
  idempotencyKey: Type.Optional(Type.String({ minLength: 8, maxLength: 64 })),
});

export const UpdateCaseBody = Strict({
  status: CaseStatusSchema,
  onsetDate: Type.Optional(DateString),
  note: Type.Optional(Type.String({ maxLength: 500 })),
});

export const CaseListQuery = Strict({
  schoolId: Type.Optional(Type.Integer({ minimum: 1 })),
  status: Type.Optional(CaseStatusSchema),
  disease: Type.Optional(DiseaseCode),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
});

export const CaseRow = Type.Object({
  id: Type.Number(), personId: Type.Number(), personName: Type.String(), personKind: Type.String(), schoolId: Type.Number(), schoolName: Type.String(),
  className: Nullable(Type.String()), disease: Type.String(), status: Type.String(), onsetDate: Nullable(Type.String()), foundBy: Type.String(),
  alertId: Nullable(Type.Number()), outbreakId: Nullable(Type.Number()), sourceCaseId: Nullable(Type.Number()), policyId: Type.Number(), policyVersion: Type.Number(),
  note: Type.String(), createdAt: Type.String(),
});

export const CreatedCase = Type.Object({ id: Type.Number(), outbreakId: Type.Number(), policyId: Type.Number(), policyVersion: Type.Number() });
