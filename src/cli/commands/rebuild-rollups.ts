// `campusguard rebuild-rollups [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--check]`: recomputes the daily
// roll-ups from the raw check rows, reports whether the maintained figures agreed, and repairs them
// unless --check is given. Exit 0 when they agreed, 1 when they differed, 2 on bad arguments.
import { connect } from '../../db/connect';
import { migrate } from '../../db/migrate';
import { shanghaiDate } from '../../domain/checks/sessions';
import { rebuildRollups } from '../../features/dashboards/rebuild';

export const summary = 'recompute the daily check roll-ups from raw rows and report whether they agreed';

const USAGE = `usage: campusguard rebuild-rollups [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--check]
  Default range: the last 30 days. --check only compares, it changes nothing.
  Uses DATABASE_URL when set, otherwise the embedded database in ./data.`;

export async function run(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  const opts: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--check') opts.check = '1';
    else if (a === '--from' || a === '--to') opts[a.slice(2)] = argv[++i] ?? '';
    else return bad(`unknown option ${a}`);
  }
  const today = shanghaiDate(new Date());
  const to = opts.to ?? today;
  const from = opts.from ?? new Date(Date.parse(`${to}T00:00:00Z`) - 29 * 86_400_000).toISOString().slice(0, 10);
  for (const [name, v] of [['from', from], ['to', to]]) if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(v))) return bad(`--${name} must be a date YYYY-MM-DD`);
  if (from > to) return bad('--from is after --to');
  const db = process.env.DATABASE_URL ? await connect({ databaseUrl: process.env.DATABASE_URL }) : await connect({ dataDir: process.env.DATA_DIR ?? 'data' });
  try {
    await migrate(db);
    const report = await rebuildRollups(db.kysely, from, to, !opts.check);
    const agreed = report.mismatched.length === 0 && report.regionMismatched === 0;
    console.log(`${from}..${to}: ${report.schoolRows} school rows; ${agreed ? 'roll-ups agree with the raw rows' : `${report.mismatched.length} school figures and ${report.regionMismatched} county rows differed`}`);
    for (const m of report.mismatched.slice(0, 20)) console.log(`  ${m.key} ${m.column}: stored ${JSON.stringify(m.stored)}, recomputed ${JSON.stringify(m.recomputed)}`);
    if (!agreed) console.log(report.repaired ? 'repaired from the raw rows' : 'not repaired (--check)');
    return agreed ? 0 : 1;
  } finally {
    await db.close();
  }
}

function bad(message: string): number {
  console.error(`rebuild-rollups: ${message}\n${USAGE}`);
  return 2;
}
