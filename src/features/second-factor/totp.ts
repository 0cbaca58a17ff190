import { randomInt } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';

/**
 * TOTP as authenticator apps expect it (RFC 6238): 30-second steps, 6 digits, HMAC-SHA-1. Apps
 * (Google Authenticator, Microsoft Authenticator, 腾讯身份验证器 …) ignore or mishandle other
 * algorithms, and SHA-1 is not weak inside HMAC. The arithmetic is otpauth's, never our own.
 */
const PERIOD = 30;
const DIGITS = 6;
const ISSUER = 'CampusGuard';
/** One step either side: a phone clock up to about 30 s off still works. */
const DRIFT_STEPS = 1;

function totp(secretBase32: string, label = ''): TOTP {
  return new TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: DIGITS, period: PERIOD, secret: Secret.fromBase32(secretBase32) });
}

/** A new random secret (160 bits, as RFC 4226 recommends), in base32 as apps take it typed in. */
export function newSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The otpauth:// URI a QR code carries. */
export function otpauthUri(secretBase32: string, username: string): string {
  return totp(secretBase32, username).toString();
}

/**
 * The time step a code belongs to, if it is valid at `now` within the allowed drift; otherwise null.
 * The caller refuses a step it has already accepted (replay).
 */
export function matchingStep(secretBase32: string, code: string, now: Date): number | null {
  const timestamp = now.getTime();
  const delta = totp(secretBase32).validate({ token: code, timestamp, window: DRIFT_STEPS });
  if (delta === null) return null;
  return TOTP.counter({ period: PERIOD, timestamp }) + delta;
}

export const isTotpCode = (code: string) => /^\d{6}$/.test(code);

// Recovery codes: no 0/o, 1/l/i, so they can be read off paper and typed without confusion.
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
export const RECOVERY_CODE_COUNT = 10;

/** Ten codes like `k7mzq-3xh2a` (10 characters of 31: about 50 bits each). */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = Array.from({ length: 10 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join('');
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** How a typed recovery code is compared: case, spaces and the hyphen do not matter. */
export function normalizeRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[\s-]/g, '');
}
