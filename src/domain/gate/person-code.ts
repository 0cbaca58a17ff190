import { signFields, verifyFields } from '../venue-codes/signed-token';

/**
 * The person code (个人出入码) printed on a card or shown on the person's page: it names the person
 * and nothing else, so a lost card reveals no personal data; the signature stops guessed ids.
 */
export const PERSON_PREFIX = 'CGP1';

export function signPersonCode(key: Buffer, personId: number): string {
  return signFields(key, PERSON_PREFIX, [personId.toString(36)]);
}

export type PersonCodeCheck = { ok: true; personId: number } | { ok: false; problem: 'malformed' | 'forged' };

export function verifyPersonCode(key: Buffer, code: string): PersonCodeCheck {
  const checked = verifyFields(key, PERSON_PREFIX, 1, code);
  if (!checked.ok) return checked;
  const personId = Number.parseInt(checked.fields[0], 36);
  if (!Number.isSafeInteger(personId) || personId < 1) return { ok: false, problem: 'malformed' };
  return { ok: true, personId };
}
