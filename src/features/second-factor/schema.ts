import { Type } from 'typebox';
import { Strict } from '../../http/schema';

const Code = Type.String({ minLength: 6, maxLength: 32 });

export const SecondFactorStatusView = Type.Object({
  active: Type.Boolean(),
  pending: Type.Boolean(),
  required: Type.Boolean(),
  recoveryCodesLeft: Type.Number(),
});

/** The only answer that ever carries the secret: the start of an enrolment. */
export const EnrolmentView = Type.Object({ secret: Type.String(), uri: Type.String() });

export const ConfirmBody = Strict({ totpCode: Type.String({ pattern: '^\\s*\\d{6}\\s*$', maxLength: 16 }) });
export const RecoveryCodesView = Type.Object({ recoveryCodes: Type.Array(Type.String()) });

export const DisableBody = Strict({ password: Type.String({ minLength: 1, maxLength: 256 }), totpCode: Code });
