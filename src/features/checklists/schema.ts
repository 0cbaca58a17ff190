import { Type } from 'typebox';
import { Strict } from '../../http/schema';

const Text2 = Strict({ 'zh-CN': Type.String({ minLength: 1, maxLength: 300 }), en: Type.String({ maxLength: 300 }) });

export const ChecklistItemSchema = Strict({
  key: Type.String({ minLength: 2, maxLength: 48 }),
  section: Type.String({ minLength: 1, maxLength: 40 }),
  title: Text2,
  evidence: Text2,
  weight: Type.Number({ exclusiveMinimum: 0, maximum: 100 }),
  liveFigure: Type.Optional(Type.String({ maxLength: 40 })),
});

export const CreateChecklistBody = Strict({
  key: Type.String({ pattern: '^[a-z][a-z0-9_-]{1,39}$' }),
  name: Type.String({ minLength: 2, maxLength: 120 }),
  regionCode: Type.Optional(Type.String({ pattern: '^\\d{6}$' })),
  items: Type.Array(ChecklistItemSchema, { minItems: 1, maxItems: 200 }),
});

export const NewVersionBody = Strict({ items: Type.Array(ChecklistItemSchema, { minItems: 1, maxItems: 200 }), note: Type.String({ minLength: 1, maxLength: 500 }) });

export const VersionQuery = Strict({ schoolId: Type.Optional(Type.Integer({ minimum: 1 })) });

export const LiveFigureSchema = Type.Object({ key: Type.String(), available: Type.Boolean(), value: Type.String(), ok: Type.Union([Type.Boolean(), Type.Null()]), detail: Type.String() });

export const ChecklistVersionView = Type.Object({
  id: Type.Number(),
  templateId: Type.Number(),
  templateKey: Type.String(),
  name: Type.String(),
  version: Type.Number(),
  note: Type.String(),
  items: Type.Array(Type.Object({ key: Type.String(), section: Type.String(), title: Type.Object({ 'zh-CN': Type.String(), en: Type.String() }), evidence: Type.Object({ 'zh-CN': Type.String(), en: Type.String() }), weight: Type.Number(), liveFigure: Type.Optional(Type.String()) })),
  liveFigures: Type.Record(Type.String(), LiveFigureSchema),
});
