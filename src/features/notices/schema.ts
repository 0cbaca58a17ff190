import { Type } from 'typebox';
import { Nullable, Strict } from '../../http/schema';

const union = (values: readonly string[]) => Type.Union(values.map((v) => Type.Literal(v)));

export const SendNoticeBody = Strict({
  title: Type.String({ minLength: 1, maxLength: 100 }),
  body: Type.String({ minLength: 1, maxLength: 20_000 }),
  audience: union(['parents', 'students', 'staff']),
  target: Strict({ type: union(['region', 'school', 'grade', 'class']), key: Type.String({ minLength: 1, maxLength: 20 }) }),
  idempotencyKey: Type.String({ minLength: 8, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }),
});

export const NoticeSummary = Type.Object({
  id: Type.Number(),
  title: Type.String(),
  audience: Type.String(),
  targetType: Type.String(),
  targetKey: Type.String(),
  targetName: Type.String(),
  createdAt: Type.String(),
  recipients: Type.Number(),
  acknowledged: Type.Number(),
  rate: Type.Number(),
});

export const NoticeList = Type.Object({ items: Type.Array(NoticeSummary), can: Type.Object({ send: Type.Boolean() }) });
export const NoticeListQuery = Strict({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })) });

export const NoticeDetail = Type.Object({
  notice: Type.Intersect([NoticeSummary, Type.Object({ body: Type.String() })]),
  byClass: Type.Array(Type.Object({ classId: Nullable(Type.Number()), className: Type.String(), recipients: Type.Number(), acknowledged: Type.Number(), rate: Type.Number() })),
  pending: Type.Array(Type.Object({ personId: Type.Number(), name: Type.String(), className: Nullable(Type.String()), reminders: Type.Number() })),
});

export const MyNotices = Type.Object({
  items: Type.Array(Type.Object({
    id: Type.Number(),
    title: Type.String(),
    body: Type.String(),
    createdAt: Type.String(),
    /** For a parent, one row per child the notice reached. */
    for: Type.Array(Type.Object({ personId: Type.Number(), name: Type.String(), acknowledgedAt: Nullable(Type.String()) })),
  })),
});
