import { Type } from 'typebox';
import { INSPECTION_LEVELS, INSPECTION_METHODS } from '../../domain/inspections/methods';
import { DateString, Nullable, Strict } from '../../http/schema';
import { LiveFigureSchema } from '../checklists/schema';
import { FindingInput, FindingSummary } from '../rectification/schema';

export const Level = Type.Union(INSPECTION_LEVELS.map((l) => Type.Literal(l)));
export const Method = Type.Union(INSPECTION_METHODS.map((m) => Type.Literal(m)));
export const AnswerResult = Type.Union([Type.Literal('pass'), Type.Literal('partial'), Type.Literal('fail'), Type.Literal('na')]);

export const CreateInspectionBody = Strict({
  schoolId: Type.Integer({ minimum: 1 }),
  level: Level,
  method: Method,
  unannounced: Type.Optional(Type.Boolean()),
  scheduledOn: DateString,
  inspectorIds: Type.Array(Type.Integer({ minimum: 1 }), { minItems: 1, maxItems: 20 }),
  checklistVersionId: Type.Optional(Type.Integer({ minimum: 1 })),
});

export const InspectionListQuery = Strict({
  schoolId: Type.Optional(Type.Integer({ minimum: 1 })),
  regionCode: Type.Optional(Type.String({ pattern: '^\\d{6}$' })),
  status: Type.Optional(Type.Union([Type.Literal('planned'), Type.Literal('in_progress'), Type.Literal('completed'), Type.Literal('cancelled')])),
  mine: Type.Optional(Type.Boolean()),
  from: Type.Optional(DateString),
  to: Type.Optional(DateString),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 200 })),
});

export const AnswersBody = Strict({
  answers: Type.Array(Strict({ itemKey: Type.String({ minLength: 1, maxLength: 48 }), result: AnswerResult, note: Type.Optional(Type.String({ maxLength: 2000 })) }), { minItems: 1, maxItems: 200 }),
});

export const CompleteBody = Strict({
  summary: Type.String({ minLength: 2, maxLength: 4000 }),
  findings: Type.Optional(Type.Array(FindingInput, { maxItems: 50 })),
});

export const PhotoQuery = Strict({ itemKey: Type.Optional(Type.String({ minLength: 1, maxLength: 48 })) });
export const PhotoParams = Strict({ id: Type.Integer({ minimum: 1 }), photoId: Type.Integer({ minimum: 1 }) });

export const InspectionSummary = Type.Object({
  id: Type.Number(),
  schoolId: Type.Number(),
  schoolName: Type.String(),
  regionCode: Nullable(Type.String()),
  level: Type.String(),
  method: Type.String(),
  unannounced: Type.Boolean(),
  status: Type.String(),
  scheduledOn: Type.String(),
  score: Nullable(Type.Number()),
  drawId: Nullable(Type.Number()),
  inspectors: Type.Array(Type.Object({ id: Type.Number(), name: Type.String() })),
});

export const InspectionList = Type.Object({
  items: Type.Array(InspectionSummary),
  can: Type.Object({ create: Type.Boolean(), planBureauInspections: Type.Boolean() }),
});

export const InspectionDetail = Type.Object({
  inspection: InspectionSummary,
  summary: Type.String(),
  checklist: Type.Object({ versionId: Type.Number(), name: Type.String(), version: Type.Number() }),
  items: Type.Array(Type.Object({
    key: Type.String(), section: Type.String(), title: Type.Object({ 'zh-CN': Type.String(), en: Type.String() }), evidence: Type.Object({ 'zh-CN': Type.String(), en: Type.String() }), weight: Type.Number(),
    answer: Nullable(Type.Object({ result: Type.String(), note: Type.String() })),
    liveFigure: Nullable(LiveFigureSchema),
    photoIds: Type.Array(Type.Number()),
  })),
  findings: Type.Array(FindingSummary),
  can: Type.Object({ work: Type.Boolean() }),
});
