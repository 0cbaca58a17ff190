import { Type } from 'typebox';
import { Nullable, Strict } from '../../http/schema';

const Texts = Type.Object({ zh: Type.String(), en: Type.String() });

export const NotificationItem = Type.Object({
  id: Type.Number(), kind: Type.String(), title: Texts, body: Texts, link: Nullable(Type.String()), alertId: Nullable(Type.Number()),
  createdAt: Type.String(), readAt: Nullable(Type.String()),
});

export const NotificationListQuery = Strict({
  unread: Type.Optional(Type.Boolean()),
  before: Type.Optional(Type.Integer({ minimum: 1 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
});
export const NotificationList = Type.Object({ items: Type.Array(NotificationItem), unread: Type.Number() });

export const StreamQuery = Strict({
  /** The server ends the stream after this long (the browser reconnects); 0 sends what is new and ends. */
  maxMs: Type.Optional(Type.Integer({ minimum: 0, maximum: 3_600_000, default: 1_800_000 })),
});

export const EndpointBody = Strict({
  kind: Type.Union([Type.Literal('dingtalk'), Type.Literal('wecom')]),
  name: Type.String({ minLength: 1, maxLength: 60 }),
  url: Type.String({ minLength: 8, maxLength: 500 }),
  secret: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  regionCode: Type.Optional(Type.String({ pattern: '^\\d{6}$' })),
  schoolId: Type.Optional(Type.Integer({ minimum: 1 })),
});

export const EndpointList = Type.Object({
  items: Type.Array(Type.Object({
    id: Type.Number(), kind: Type.String(), name: Type.String(), urlMasked: Type.String(), signed: Type.Boolean(), regionCode: Nullable(Type.String()),
    schoolId: Nullable(Type.Number()), enabled: Type.Boolean(), createdAt: Type.String(),
  })),
});

export const DeliveryQuery = Strict({
  status: Type.Optional(Type.Union(['pending', 'sending', 'sent', 'dead'].map((s) => Type.Literal(s)))),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
});
export const DeliveryList = Type.Object({
  items: Type.Array(Type.Object({
    id: Type.Number(), channel: Type.String(), target: Type.String(), event: Type.String(), status: Type.String(), attempts: Type.Number(), lastError: Nullable(Type.String()),
    createdAt: Type.String(), sentAt: Nullable(Type.String()), nextAttemptAt: Type.String(),
  })),
});
