import type { Kysely } from 'kysely';
import type { Database } from '../../db/tables';
import type { FieldCipher } from '../../security/crypto';
import { isTotpCode, matchingStep, normalizeRecoveryCode } from './totp';

export type CodeCheck = { ok: true; method: 'totp' | 'recovery_code' } | { ok: false; reason: 'wrong_code' | 'replayed' };

/** The keyed hash a recovery code is stored and looked up by. */
export const recoveryCodeHash = (cipher: FieldCipher, code: string) => cipher.lookupHash(`recovery-code:${normalizeRecoveryCode(code)}`);

/** Whether the account has a confirmed second factor (an enrolment still waiting for its code does not count). */
export async function hasActiveSecondFactor(db: Kysely<Database>, accountId: number): Promise<boolean> {
  const row = await db.selectFrom('account_second_factors').select('account_id').where('account_id', '=', accountId).where('confirmed_at', 'is not', null).executeTakeFirst();
  return !!row;
}

/**
 * Checks a code against the account's confirmed factor and spends it: a TOTP code's step is
 * remembered (no step, and no earlier step, is accepted again), a recovery code is marked used.
 * Call inside the operation's transaction: the factor row is locked, so two requests with the same
 * code cannot both pass.
 */
export async function spendSecondFactorCode(trx: Kysely<Database>, cipher: FieldCipher, accountId: number, code: string, now: Date): Promise<CodeCheck> {
  const factor = await trx
    .selectFrom('account_second_factors')
    .select(['secret_sealed', 'last_used_step'])
    .where('account_id', '=', accountId)
    .where('confirmed_at', 'is not', null)
    .forUpdate()
    .executeTakeFirst();
  if (!factor) return { ok: false, reason: 'wrong_code' };
  const typed = code.trim();
  if (isTotpCode(typed)) {
    const step = matchingStep(cipher.decrypt(factor.secret_sealed), typed, now);
    if (step === null) return { ok: false, reason: 'wrong_code' };
    if (factor.last_used_step !== null && step <= Number(factor.last_used_step)) return { ok: false, reason: 'replayed' };
    await trx.updateTable('account_second_factors').set({ last_used_step: step }).where('account_id', '=', accountId).execute();
    return { ok: true, method: 'totp' };
  }
  // One statement: of two requests with the same recovery code, only one finds it unused.
  const used = await trx
    .updateTable('account_recovery_codes')
    .set({ used_at: now })
    .where('account_id', '=', accountId)
    .where('code_hash', '=', recoveryCodeHash(cipher, typed))
    .where('used_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return used ? { ok: true, method: 'recovery_code' } : { ok: false, reason: 'wrong_code' };
}
