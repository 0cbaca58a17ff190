import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Io, run } from './detect';

const dir = mkdtempSync(path.join(tmpdir(), 'detect-'));
function file(name: string, text: string): string {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
}
async function call(argv: string[], stdin = ''): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: Io = { stdout: (s) => (out += s), stderr: (s) => (err += s), stdin: async () => stdin };
  const code = await run(argv, io);
  return { code, out, err };
}

const series = ['date,count', '2024-03-04,1', '2024-03-05,2', '2024-03-06,3', '2024-03-07,4', '2024-03-08,5', '2024-03-11,6', '2024-03-12,7', '2024-03-13,12'].join('\n');

describe('campusguard detect', () => {
  it('writes statistic, threshold and alarm per day', async () => {
    const r = await call([file('a.csv', series), '--method', 'ears-c1']);
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n');
    expect(lines[0]).toBe('date,count,statistic,threshold,alarm');
    expect(lines[1]).toBe('2024-03-04,1,,,');
    expect(lines[8]).toBe('2024-03-13,12,3.70328,3,1');
  });

  it('reads stdin with "-" and accepts --opt=value', async () => {
    const r = await call(['-', '--method=cusum', '--guard=0', '--h', '2', '--min-sigma', '1'], series);
    expect(r.code).toBe(0);
    expect(r.out.trim().split('\n')).toHaveLength(9);
  });

  it('prints help', async () => {
    const r = await call(['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/--method/);
  });

  it.each([
    ['missing column', 'day,count\n2024-03-04,1\n', [], /missing column "date"/],
    ['missing count column', 'date,n\n2024-03-04,1\n', [], /missing column "count"/],
    ['unparsable date', 'date,count\n2024-02-30,1\n', [], /line 2: unparsable date "2024-02-30"/],
    ['negative count', 'date,count\n2024-03-04,-1\n', [], /line 2: negative count -1/],
    ['non-numeric count', 'date,count\n2024-03-04,many\n', [], /not a number/],
    ['dates out of order', 'date,count\n2024-03-05,1\n2024-03-04,1\n', [], /not after/],
    ['unknown method', series, ['--method', 'farrington'], /unknown method "farrington"/],
    ['bad option value', series, ['--baseline', 'seven'], /--baseline: baseline must be a number/],
    ['out-of-range option', series, ['--method', 'ewma', '--lambda', '2'], /--lambda: lambda must be/],
    ['option of another method', series, ['--method', 'ears-c1', '--lambda', '0.3'], /--lambda: does not apply/],
    ['unknown option', series, ['--foo', '1'], /unknown option --foo/],
  ])('%s -> one line on stderr, exit 2', async (_name, text, extra, message) => {
    const r = await call([file('bad.csv', text as string), ...(extra as string[])]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(message as RegExp);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });

  it('missing file -> exit 2', async () => {
    const r = await call([path.join(dir, 'nope.csv')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/cannot read .*ENOENT/);
  });
});

describe('campusguard detect through the CLI entry point', () => {
  it('reads stdin and exits 2 on a bad row', async () => {
    const { spawnSync } = await import('node:child_process');
    const main = path.join(process.cwd(), 'src/cli/main.ts');
    const tsx = path.join(process.cwd(), 'node_modules/.bin/tsx');
    const ok = spawnSync(tsx, [main, 'detect', '-', '--method', 'ears-c2'], { input: series, encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(ok.stdout.split('\n')[0]).toBe('date,count,statistic,threshold,alarm');
    const bad = spawnSync(tsx, [main, 'detect', '-'], { input: 'date,count\n2024-03-04,-2\n', encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim()).toBe('campusguard detect: line 2: negative count -2');
  });
});
