import { describe, expect, it } from 'vitest';
import { assertCommitment, makeCommitment, streamUniform, verifyCommitment } from './commitment';
import { DrawError } from './errors';

const ZERO_SEED = '00'.repeat(32);

describe('commit–reveal', () => {
  it('commits to SHA-256 of the seed bytes', () => {
    expect(makeCommitment(ZERO_SEED)).toBe('66687aadf862bd776c8fc18b8e9f8e20089714856ee233b3902a591d0d5f2925');
  });

  it('verifies the matching seed and refuses any other', () => {
    const seed = 'ab'.repeat(32);
    const c = makeCommitment(seed);
    expect(verifyCommitment(seed, c)).toBe(true);
    expect(verifyCommitment(seed.toUpperCase(), c.toUpperCase())).toBe(true);
    expect(verifyCommitment(`${'ab'.repeat(31)}ac`, c)).toBe(false);
    expect(verifyCommitment(seed, 'not-a-hash')).toBe(false);
    expect(verifyCommitment('zz', c)).toBe(false);
  });

  it('throws typed errors naming the field', () => {
    const seed = 'cd'.repeat(32);
    expect(() => assertCommitment(seed, makeCommitment('ef'.repeat(32)))).toThrow(
      expect.objectContaining({ code: 'draw.seed_commitment_mismatch', field: 'seed' }),
    );
    expect(() => assertCommitment(seed, 'xyz')).toThrow(expect.objectContaining({ code: 'draw.commitment_invalid' }));
    expect(() => makeCommitment('abcd')).toThrow(expect.objectContaining({ code: 'draw.seed_too_short' }));
    expect(() => makeCommitment('abc')).toThrow(DrawError);
    expect(() => makeCommitment(`${'g'.repeat(64)}`)).toThrow(expect.objectContaining({ code: 'draw.seed_invalid' }));
  });

  it('derives a deterministic uniform stream in [0, 1)', () => {
    const key = Buffer.from(ZERO_SEED, 'hex');
    const a = streamUniform(key, 'start');
    expect(streamUniform(key, 'start')).toBe(a);
    expect(a).toBeGreaterThanOrEqual(0);
    expect(a).toBeLessThan(1);
    expect(streamUniform(key, 'other')).not.toBe(a);
  });
});
