import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signPersonCode, verifyPersonCode } from '../gate/person-code';
import { extractVenueToken, signVenueToken, venueLink, verifyVenueToken } from './venue-token';

const key = randomBytes(32);
const now = Date.parse('2026-11-30T01:00:00Z');
const claims = { codeId: 42, expiresAt: Math.floor(now / 1000) + 3600, nonce: 'n0nce_Abc' };

describe('venue tokens', () => {
  it('a valid token verifies and gives its claims back', () => {
    const token = signVenueToken(key, claims);
    expect(verifyVenueToken(key, token, now)).toEqual({ ok: true, claims });
  });

  it('an expired token is refused as expired (at the second of expiry too)', () => {
    const token = signVenueToken(key, claims);
    expect(verifyVenueToken(key, token, claims.expiresAt * 1000)).toEqual({ ok: false, problem: 'expired' });
    expect(verifyVenueToken(key, token, claims.expiresAt * 1000 - 1).ok).toBe(true);
  });

  it('a token signed with another key is forged', () => {
    const token = signVenueToken(randomBytes(32), claims);
    expect(verifyVenueToken(key, token, now)).toEqual({ ok: false, problem: 'forged' });
  });

  it('changing any field or the signature is detected', () => {
    const token = signVenueToken(key, claims);
    const parts = token.split('.');
    const tampered = [
      [parts[0], (43).toString(36), parts[2], parts[3], parts[4]],
      [parts[0], parts[1], (claims.expiresAt + 86400 * 365).toString(36), parts[3], parts[4]],
      [parts[0], parts[1], parts[2], 'other', parts[4]],
      [parts[0], parts[1], parts[2], parts[3], `${parts[4].slice(0, -1)}${parts[4].endsWith('A') ? 'B' : 'A'}`],
    ];
    for (const t of tampered) expect(verifyVenueToken(key, t.join('.'), now)).toEqual({ ok: false, problem: 'forged' });
  });

  it.each(['', 'hello', 'CGV1.a.b', 'CGV2.1.2.3.4', 'CGV1.1.2.3.4.5', 'CGV1.1.2.3 .x'])('malformed: %j', (t) => {
    expect(verifyVenueToken(key, t, now)).toEqual({ ok: false, problem: 'malformed' });
  });

  it('accepts the link printed in the QR code as well as the bare token', () => {
    const token = signVenueToken(key, claims);
    const link = venueLink('https://campus.example.cn/', token);
    expect(link).toBe(`https://campus.example.cn/gate?v=${token}`);
    expect(extractVenueToken(link)).toBe(token);
    expect(verifyVenueToken(key, link, now).ok).toBe(true);
  });
});

describe('person codes', () => {
  it('round-trips and rejects another key, a changed id and a venue token', () => {
    const code = signPersonCode(key, 1234);
    expect(verifyPersonCode(key, code)).toEqual({ ok: true, personId: 1234 });
    expect(verifyPersonCode(randomBytes(32), code)).toEqual({ ok: false, problem: 'forged' });
    const [p, , sig] = code.split('.');
    expect(verifyPersonCode(key, `${p}.${(1235).toString(36)}.${sig}`)).toEqual({ ok: false, problem: 'forged' });
    expect(verifyPersonCode(key, signVenueToken(key, claims)).ok).toBe(false);
  });
});
