import { Type } from 'typebox';
import { Nullable, Strict } from '../../http/schema';

export const ROLES = [
  'province_officer', 'city_officer', 'county_officer', 'school_admin', 'school_doctor', 'class_teacher',
  'gate_guard', 'parent', 'hospital_liaison', 'auditor', 'sysadmin',
] as const;
export const RoleSchema = Type.Union(ROLES.map((r) => Type.Literal(r)));

export const LoginBody = Strict({
  username: Type.String({ minLength: 1, maxLength: 64 }),
  password: Type.String({ minLength: 1, maxLength: 256 }),
  /** A code from the authenticator app, or a recovery code; only asked for when the account has a second factor. */
  totpCode: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
});

export const ChangePasswordBody = Strict({
  currentPassword: Type.String({ minLength: 1, maxLength: 256 }),
  newPassword: Type.String({ minLength: 1, maxLength: 256 }),
});

export const ScopeView = Type.Object({
  kind: Type.String(),
  regionCode: Type.Optional(Type.String()),
  schoolId: Type.Optional(Type.Number()),
  classId: Type.Optional(Type.Number()),
  schoolIds: Type.Optional(Type.Array(Type.Number())),
  personIds: Type.Optional(Type.Array(Type.Number())),
});

export const MeResponse = Type.Object({
  account: Type.Object({
    id: Type.Number(),
    username: Type.String(),
    displayName: Type.String(),
    role: Type.String(),
    mustChangePassword: Type.Boolean(),
    scope: ScopeView,
    scopeLabel: Type.String(),
    secondFactor: Type.Object({ active: Type.Boolean(), enrolmentRequired: Type.Boolean() }),
  }),
  permissions: Type.Array(Type.String()),
  csrfToken: Type.String(),
});

export const AccountView = Type.Object({
  id: Type.Number(),
  username: Type.String(),
  displayName: Type.String(),
  role: Type.String(),
  regionCode: Nullable(Type.String()),
  schoolId: Nullable(Type.Number()),
  schoolName: Nullable(Type.String()),
  classId: Nullable(Type.Number()),
  hospitalId: Nullable(Type.Number()),
  canUnmask: Type.Boolean(),
  disabled: Type.Boolean(),
  /** A confirmed second factor (never its secret). */
  secondFactor: Type.Boolean(),
  createdAt: Type.String(),
});

export const AccountList = Type.Object({ items: Type.Array(AccountView), total: Type.Number(), can: Type.Object({ create: Type.Boolean(), assignableRoles: Type.Array(Type.String()) }) });

export const AccountQuery = Strict({
  q: Type.Optional(Type.String({ maxLength: 64 })),
  role: Type.Optional(RoleSchema),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
});

export const CreateAccountBody = Strict({
  username: Type.String({ minLength: 3, maxLength: 64, pattern: '^[A-Za-z0-9_.@-]+$' }),
  displayName: Type.String({ minLength: 1, maxLength: 64 }),
  password: Type.String({ minLength: 1, maxLength: 256 }),
  role: RoleSchema,
  regionCode: Type.Optional(Type.String({ pattern: '^\\d{6}$' })),
  schoolId: Type.Optional(Type.Integer({ minimum: 1 })),
  classId: Type.Optional(Type.Integer({ minimum: 1 })),
  hospitalId: Type.Optional(Type.Integer({ minimum: 1 })),
  childPersonIds: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 10 })),
  canUnmask: Type.Optional(Type.Boolean()),
  email: Type.Optional(Type.String({ format: 'email', maxLength: 200 })),
});

export const ResetPasswordBody = Strict({ newPassword: Type.String({ minLength: 1, maxLength: 256 }) });
