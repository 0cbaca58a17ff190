import { signFields, verifyFields } from './signed-token';

/**
 * A venue code (场所码) names one gate or site and carries its own expiry, so a printed code that has
 * expired is refused even offline; revocation needs the database and is checked by the service.
 * The nonce changes on every re-issue, so a re-issued code never verifies as its predecessor.
 */
export const VENUE_PREFIX = 'CGV1';

export interface VenueClaims {
  codeId: number;
  /** Unix seconds. */
  expiresAt: number;
  nonce: string;
}

export type VenueProblem = 'malformed' | 'forged' | 'expired';
export type VenueCheck = { ok: true; claims: VenueClaims } | { ok: false; problem: VenueProblem };

export function signVenueToken(key: Buffer, claims: VenueClaims): string {
  return signFields(key, VENUE_PREFIX, [claims.codeId.toString(36), claims.expiresAt.toString(36), claims.nonce]);
}

export function verifyVenueToken(key: Buffer, token: string, nowMs: number): VenueCheck {
  const checked = verifyFields(key, VENUE_PREFIX, 3, extractVenueToken(token));
  if (!checked.ok) return checked;
  const [id, exp, nonce] = checked.fields;
  const claims = { codeId: Number.parseInt(id, 36), expiresAt: Number.parseInt(exp, 36), nonce };
  if (!Number.isSafeInteger(claims.codeId) || claims.codeId < 1 || !Number.isSafeInteger(claims.expiresAt)) return { ok: false, problem: 'malformed' };
  if (claims.expiresAt * 1000 <= nowMs) return { ok: false, problem: 'expired' };
  return { ok: true, claims };
}

/** The QR code holds a link to the gate page (`…/gate?v=<token>`) so a phone camera opens it; accept either form. */
export function extractVenueToken(scanned: string): string {
  const text = scanned.trim();
  const match = /[?&]v=([A-Za-z0-9._-]+)/.exec(text);
  return match ? match[1] : text;
}

export function venueLink(origin: string, token: string): string {
  return `${origin.replace(/\/$/, '')}/gate?v=${token}`;
}
