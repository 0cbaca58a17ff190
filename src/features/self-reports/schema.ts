import { Type } from 'typebox';
import { Nullable, Strict } from '../../http/schema';
import { LiveFigureSchema } from '../checklists/schema';
import { AnswerResult } from '../inspections/schema';
import { FindingInput, FindingSummary } from '../rectification/schema';

export const SelfReportStatus = Type.Union(['pending', 'submitted', 'late', 'missing', 'reviewed'].map((s) => Type.Literal(s)));
export const RiskLevel = Type.Union([Type.Literal('low'), Type.Literal('medium'), Type.Literal('high')]);

export const SelfReportListQuery = Strict({
  schoolId: Type.Optional(Type.Integer({ minimum: 1 })),
  regionCode: Type.Optional(Type.String({ pattern: '^\\d{6}$' })),
  status: Type.Optional(SelfReportStatus),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 200 })),
});

/** The school's answer: every checklist item, a risk level and a written assessment. */
export const SubmitSelfReportBody = Strict({
  answers: Type.Array(Strict({ itemKey: Type.String({ minLength: 1, maxLength: 48 }), result: AnswerResult, note: Type.Optional(Type.String({ maxLength: 2000 })) }), { minItems: 1, maxItems: 200 }),
  riskLevel: RiskLevel,
  riskAssessment: Type.String({ minLength: 2, maxLength: 4000 }),
  /** A client-chosen key: a retried submission with the same key is answered without writing again. */
  submitKey: Type.String({ minLength: 8, maxLength: 80, pattern: '^[0-9A-Za-z_-]+$' }),
});

/** The bureau's review: a note and the answers it turns into findings (owner and deadline as any finding). */
export const ReviewSelfReportBody = Strict({
  note: Type.String({ minLength: 2, maxLength: 2000 }),
  findings: Type.Optional(Type.Array(FindingInput, { maxItems: 50 })),
});

export const SelfReportSummary = Type.Object({
  id: Type.Number(),
  drawId: Nullable(Type.Number()),
  schoolId: Type.Number(),
  schoolName: Type.String(),
  regionCode: Type.String(),
  dueAt: Type.String(),
  status: Type.String(),
  overdue: Type.Boolean(),
  riskLevel: Nullable(Type.String()),
  submittedAt: Nullable(Type.String()),
  submittedBy: Nullable(Type.String()),
  escalatedAt: Nullable(Type.String()),
  reviewedAt: Nullable(Type.String()),
});

export const SelfReportDetail = Type.Object({
  report: SelfReportSummary,
  riskAssessment: Nullable(Type.String()),
  reviewNote: Nullable(Type.String()),
  checklist: Type.Object({ versionId: Type.Number(), name: Type.String(), version: Type.Number() }),
  items: Type.Array(Type.Object({
    key: Type.String(), section: Type.String(), title: Type.Object({ 'zh-CN': Type.String(), en: Type.String() }), evidence: Type.Object({ 'zh-CN': Type.String(), en: Type.String() }), weight: Type.Number(),
    answer: Nullable(Type.Object({ result: Type.String(), note: Type.String() })),
    liveFigure: Nullable(LiveFigureSchema),
  })),
  findings: Type.Array(FindingSummary),
  can: Type.Object({ submit: Type.Boolean(), review: Type.Boolean() }),
});
