import { hkdfSync } from 'node:crypto';
import type { FieldCipher } from '../../security/crypto';

/**
 * Signing keys for venue codes and person codes, derived from the master key. FieldCipher keeps the
 * master key private; its lookup hash is HMAC-SHA256 under an HKDF subkey of the master key, i.e. a
 * PRF, so its output over a fixed label (never a valid ID number) is secret key material that we
 * expand with HKDF per purpose. Rotating the master key therefore invalidates every printed code.
 */
export interface CampusKeys {
  venue: Buffer;
  person: Buffer;
}

const cache = new WeakMap<FieldCipher, CampusKeys>();

export function campusKeys(cipher: FieldCipher): CampusKeys {
  let keys = cache.get(cipher);
  if (!keys) {
    const seed = Buffer.from(cipher.lookupHash('campusguard:campus-operations-signing'), 'hex');
    const derive = (info: string) => Buffer.from(hkdfSync('sha256', seed, Buffer.alloc(0), info, 32));
    keys = { venue: derive('campusguard:venue-code'), person: derive('campusguard:person-code') };
    cache.set(cipher, keys);
  }
  return keys;
}
