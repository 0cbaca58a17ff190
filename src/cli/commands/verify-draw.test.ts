import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeCommitment } from '../../domain/draws/commitment';
import { drawSchools } from '../../domain/draws/draw';
import { drawInputHash } from '../../domain/draws/input';
import { makeSchools, testSeed } from '../../domain/draws/test-fixtures';
import { run } from './verify-draw';

const dir = mkdtempSync(path.join(tmpdir(), 'verify-draw-'));
const seed = testSeed('cli');
const params = { drawId: 'cli-1', kind: 'weekly_spot_check' as const, drawDate: '2022-05-09', count: 8 };
const schools = makeSchools(80, 5, 3, 2);
const outcome = drawSchools({ seed, params, schools });
const record = {
  format: 'campusguard.draw/1',
  commitment: makeCommitment(seed),
  inputHash: drawInputHash({ params, schools }),
  seed,
  params,
  schools,
  result: { selected: outcome.selected.map((s) => s.schoolId) },
};

function file(name: string, content: unknown): string {
  const p = path.join(dir, name);
  writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
  return p;
}

let out: string[];
let err: string[];
beforeEach(() => {
  out = [];
  err = [];
  vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a) => void err.push(a.join(' ')));
});
afterEach(() => vi.restoreAllMocks());

describe('verify-draw', () => {
  it('prints OK and exits 0 for a faithful record', async () => {
    expect(await run([file('ok.json', record)])).toBe(0);
    expect(out[0]).toMatch(/^OK draw cli-1/);
    expect(await run(['--explain', file('ok.json', record)])).toBe(0);
    expect(out.some((l) => l.includes('#1 '))).toBe(true);
  });

  it('exits 1 and names what differs', async () => {
    const swapped = { ...record, result: { selected: [...record.result.selected].reverse() } };
    expect(await run([file('order.json', swapped)])).toBe(1);
    expect(out.join('\n')).toContain('same schools, different order');

    const other = schools.find((s) => !record.result.selected.includes(s.id))!.id;
    const replaced = { ...record, result: { selected: [other, ...record.result.selected.slice(1)] } };
    expect(await run([file('replaced.json', replaced)])).toBe(1);
    expect(out.join('\n')).toContain(`published but not drawn: ${other}`);

    expect(await run([file('commit.json', { ...record, commitment: makeCommitment(testSeed('x')) })])).toBe(1);
    expect(out.join('\n')).toContain('commitment: the revealed seed does not open it');

    const edited = { ...record, schools: schools.slice(1) };
    expect(await run([file('list.json', edited)])).toBe(1);
    expect(out.join('\n')).toContain('input hash: published');
  });

  it('exits 2 with one line for input it cannot check', async () => {
    expect(await run([path.join(dir, 'missing.json')])).toBe(2);
    expect(await run([file('notjson.json', '{oops')])).toBe(2);
    expect(await run([file('noseed.json', { ...record, seed: undefined })])).toBe(2);
    expect(await run([file('shortseed.json', { ...record, seed: 'abcd' })])).toBe(2);
    expect(await run([file('few.json', { ...record, schools: schools.slice(0, 3) })])).toBe(2);
    expect(await run([])).toBe(2);
    expect(err).toHaveLength(6);
    for (const line of err) expect(line).toMatch(/^verify-draw: [^\n]+$/);
    expect(err[3]).toContain('seed');
    expect(err[4]).toContain('only 3 eligible');
  });
});
