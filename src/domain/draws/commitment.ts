/**
 * Commit–reveal for draws. The seed is a hex string of at least 32 bytes (so nobody can guess it from
 * the commitment before it is revealed); the commitment is SHA-256 over the seed's raw bytes, in hex.
 * All randomness of a draw comes from HMAC-SHA256 keyed with those bytes over a text label.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { sha256Hex } from './canonical';
import { DrawError } from './errors';

export const MIN_SEED_BYTES = 32;
const TWO_POW_53 = 2n ** 53n;

export function seedBytes(seed: string): Buffer {
  if (typeof seed !== 'string' || !/^(?:[0-9a-fA-F]{2})+$/.test(seed)) {
    throw new DrawError('draw.seed_invalid', 'seed', 'the seed must be an even-length hexadecimal string');
  }
  if (seed.length / 2 < MIN_SEED_BYTES) {
    throw new DrawError('draw.seed_too_short', 'seed', `the seed must hold at least ${MIN_SEED_BYTES} bytes`, {
      bytes: seed.length / 2,
    });
  }
  return Buffer.from(seed, 'hex');
}

/** commitment = lowercase hex SHA-256 of the seed bytes (`printf %s SEED | xxd -r -p | sha256sum`). */
export function makeCommitment(seed: string): string {
  return sha256Hex(seedBytes(seed));
}

export function verifyCommitment(seed: string, commitment: string): boolean {
  if (typeof commitment !== 'string' || !/^[0-9a-fA-F]{64}$/.test(commitment)) return false;
  let actual: string;
  try {
    actual = makeCommitment(seed);
  } catch {
    return false;
  }
  return timingSafeEqual(Buffer.from(actual, 'hex'), Buffer.from(commitment.toLowerCase(), 'hex'));
}

/** Throws the typed error a caller shows when a revealed seed does not open the published commitment. */
export function assertCommitment(seed: string, commitment: string): void {
  if (typeof commitment !== 'string' || !/^[0-9a-fA-F]{64}$/.test(commitment)) {
    throw new DrawError('draw.commitment_invalid', 'commitment', 'the commitment must be 64 hexadecimal characters');
  }
  seedBytes(seed);
  if (!verifyCommitment(seed, commitment)) {
    throw new DrawError('draw.seed_commitment_mismatch', 'seed', 'the revealed seed does not match the commitment');
  }
}

/** HMAC-SHA256(key = seed bytes, message = UTF-8 label), lowercase hex. Used as a sort key. */
export function streamKey(seed: Buffer, label: string): string {
  return createHmac('sha256', seed).update(label, 'utf8').digest('hex');
}

/** An integer U in [0, 2^53): the first 8 bytes of streamKey as big-endian, shifted right by 11 bits. */
export function streamInteger53(seed: Buffer, label: string): bigint {
  const digest = createHmac('sha256', seed).update(label, 'utf8').digest();
  return digest.readBigUInt64BE(0) >> 11n;
}

/** U / 2^53, a uniform number in [0, 1) — for display; the draw itself computes with the integer. */
export function streamUniform(seed: Buffer, label: string): number {
  return Number(streamInteger53(seed, label)) / Number(TWO_POW_53);
}
