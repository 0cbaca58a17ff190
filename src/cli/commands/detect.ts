// `campusguard detect`: runs one statistical detector over a CSV of dated counts for epidemiologists.
// Input rows are consecutive school days as the caller chose them; no calendar is applied here.
import { readFile } from 'node:fs/promises';
import { parseIsoDate } from '../../domain/calendar';
import { createDetector, METHODS, parameterNames, toDayOutputs } from '../../domain/alerts/detectors';

export const summary = 'run an outbreak detector (EARS, CUSUM, EWMA, percentile) over a date,count CSV';

const OPTIONS: Record<string, string> = {
  '--baseline': 'baseline',
  '--guard': 'guard',
  '--min-sigma': 'minSigma',
  '--threshold': 'threshold',
  '--min-count': 'minCount',
  '--k': 'k',
  '--h': 'h',
  '--lambda': 'lambda',
  '--L': 'L',
  '--percentile': 'percentile',
  '--window': 'window',
  '--variant': 'variant',
};

const HELP = `usage: campusguard detect <file.csv|-> [--method NAME] [options]

Reads a CSV with header "date,count" (dates YYYY-MM-DD, one row per school day, oldest first; "-" reads
stdin) and writes "date,count,statistic,threshold,alarm" to stdout. Days before the baseline is complete
have empty statistic, threshold and alarm.

  --method NAME     ${METHODS.join(' | ')} (default ears-c1)
  --baseline N      baseline length in days (default 7; 20 for percentile and poisson)
  --guard N         days between the baseline and today (C2/C3/CUSUM/EWMA default 2)
  --min-sigma X     floor on the baseline standard deviation (default 0.5; 0 = published, no floor)
  --threshold X     alarm threshold (EARS C1/C2 3, C3 2; poisson: -log10 p, default 3)
  --min-count N     never alarm below this count (default 0)
  --k X, --h X      CUSUM reference value and decision interval
  --lambda X, --L X EWMA smoothing and limit width
  --percentile P    moving percentile (default 80)
  --window N        poisson: days summed
  --variant V       published | surveillance (R surveillance package conventions)
  --help            this text

Errors (bad column, date, count, method or option) print one line on stderr and exit with code 2.`;

export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  stdin: () => Promise<string>;
}

const defaultIo: Io = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  stdin: async () => {
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
};

class UsageError extends Error {}

function parseArgs(argv: string[]): { file?: string; method: string; params: Record<string, string>; help: boolean } {
  let file: string | undefined;
  let method = 'ears-c1';
  const params: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') return { method, params, help: true };
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq >= 0 ? arg.slice(0, eq) : arg;
      const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
      if (name !== '--method' && !OPTIONS[name]) throw new UsageError(`unknown option ${name}`);
      if (value === undefined || value === '') throw new UsageError(`option ${name} needs a value`);
      if (name === '--method') method = value;
      else params[OPTIONS[name]] = value;
    } else if (file === undefined) file = arg;
    else throw new UsageError(`unexpected argument "${arg}" (only one input file)`);
  }
  return { file, method, params, help: false };
}

interface Row {
  date: string;
  count: number;
}

export function parseCounts(text: string): Row[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = (lines[0] ?? '').split(',').map((h) => h.trim().toLowerCase());
  const di = header.indexOf('date');
  const ci = header.indexOf('count');
  if (di < 0) throw new UsageError('missing column "date" in the header (expected date,count)');
  if (ci < 0) throw new UsageError('missing column "count" in the header (expected date,count)');
  const rows: Row[] = [];
  for (let i = 1; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    const cells = lines[i].split(',').map((c) => c.trim());
    const date = cells[di] ?? '';
    const raw = cells[ci] ?? '';
    if (parseIsoDate(date) === null) throw new UsageError(`line ${i + 1}: unparsable date "${date}" (expected YYYY-MM-DD)`);
    const count = raw === '' ? Number.NaN : Number(raw);
    if (!Number.isFinite(count)) throw new UsageError(`line ${i + 1}: count "${raw}" is not a number`);
    if (count < 0) throw new UsageError(`line ${i + 1}: negative count ${raw}`);
    const prev = rows[rows.length - 1];
    if (prev && date <= prev.date) throw new UsageError(`line ${i + 1}: date ${date} is not after ${prev.date} (rows must be in date order, one per day)`);
    rows.push({ date, count });
  }
  return rows;
}

function fmt(v: number | null): string {
  if (v === null) return '';
  if (v === Number.POSITIVE_INFINITY) return 'Inf';
  if (v === Number.NEGATIVE_INFINITY) return '-Inf';
  return String(Math.round(v * 1e6) / 1e6);
}

export async function run(argv: string[], io: Io = defaultIo): Promise<number> {
  try {
    const args = parseArgs(argv);
    if (args.help) {
      io.stdout(`${HELP}\n`);
      return 0;
    }
    const made = createDetector(args.method, args.params);
    if (!made.ok) {
      const e = made.errors[0];
      const flag = Object.entries(OPTIONS).find(([, p]) => p === e.field)?.[0];
      const hint = e.code === 'not_allowed' ? ` (options for ${args.method}: ${parameterNames(args.method as never).join(', ')})` : '';
      throw new UsageError(e.field === 'method' ? e.message : `${flag ?? e.field}: ${e.code === 'not_allowed' ? 'does not apply to this method' : e.message}${hint}`);
    }
    if (!args.file) throw new UsageError('missing input file (a path, or - for stdin)');
    let text: string;
    try {
      text = args.file === '-' ? await io.stdin() : await readFile(args.file, 'utf8');
    } catch (err) {
      throw new UsageError(`cannot read ${args.file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    const rows = parseCounts(text);
    const out = toDayOutputs(made.detector.run(rows.map((r) => r.count)));
    const lines = ['date,count,statistic,threshold,alarm'];
    rows.forEach((r, i) => {
      const o = out[i];
      lines.push(`${r.date},${r.count},${fmt(o.statistic)},${fmt(o.threshold)},${o.alarm === null ? '' : o.alarm ? 1 : 0}`);
    });
    io.stdout(`${lines.join('\n')}\n`);
    return 0;
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`campusguard detect: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
}
