import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Compact signed tokens for QR codes: `<prefix>.<fields…>.<signature>`, the signature an HMAC-SHA256
 * (truncated to 16 bytes, base64url) over everything before it. Short enough for a QR code a phone
 * camera reads at arm's length, long enough (128 bits) that forging one is out of reach.
 */
const SIG_BYTES = 16;

function signature(key: Buffer, body: string): string {
  return createHmac('sha256', key).update(body).digest().subarray(0, SIG_BYTES).toString('base64url');
}

export function signFields(key: Buffer, prefix: string, fields: string[]): string {
  for (const f of fields) if (!/^[A-Za-z0-9_-]+$/.test(f)) throw new Error(`token field ${JSON.stringify(f)} is not URL-safe`);
  const body = [prefix, ...fields].join('.');
  return `${body}.${signature(key, body)}`;
}

export type FieldsCheck = { ok: true; fields: string[] } | { ok: false; problem: 'malformed' | 'forged' };

/** Checks the shape and the signature; the caller interprets the fields (expiry, revocation). */
export function verifyFields(key: Buffer, prefix: string, fieldCount: number, token: string): FieldsCheck {
  const parts = token.trim().split('.');
  if (parts.length !== fieldCount + 2 || parts[0] !== prefix || parts.some((p) => !/^[A-Za-z0-9_-]+$/.test(p))) return { ok: false, problem: 'malformed' };
  const body = parts.slice(0, -1).join('.');
  // Compare the text, not the decoded bytes: base64url's last character carries unused bits, and a
  // token must have exactly one accepted spelling.
  const given = Buffer.from(parts[parts.length - 1]);
  const expected = Buffer.from(signature(key, body));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, problem: 'forged' };
  return { ok: true, fields: parts.slice(1, -1) };
}
