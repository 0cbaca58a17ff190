// `campusguard seed`: generates the demo region (schools, classes, people, hospitals, accounts).
import { DEMO_ACCOUNTS, DEMO_PASSWORD, isSeeded, seedDemo } from '../../features/demo/seed';
import type { Scale } from '../../features/demo/school-plan';
import { defaultIo, guarded, type Io, openDatabase, parseOptions, UsageError } from './migrate';

export const summary = 'generate the demo region: --scale demo | county (180 schools) | city (3,636 schools)';

const SCALES: Scale[] = ['demo', 'county', 'city'];

const HELP = `usage: campusguard seed [--scale demo|county|city] [--seed N] [--force]

Generates Henan demo data into the configured database (DATABASE_URL, or DATA_DIR/pglite): the places
of the source document, schools of every type with classes, students with valid ID numbers, staff,
co-residents, hospitals and pairings, grid assignments and one account per role (password ${DEMO_PASSWORD}).
Migrates first. Shows a progress bar on stderr.

  --scale S   demo (default, about 20 schools), county (180 schools in 太康县) or city (3,636 schools,
              Zhengzhou's size, for benchmarks)
  --seed N    random seed (integer, default 20220501): the same seed gives the same data
  --force     seed even though the database already holds schools of its own; the demo region is added
              beside them. A database that already holds the demo data is never seeded twice (its school
              codes and account names would collide): use a fresh DATA_DIR or database instead.
  --help      this text`;

/** A bar that redraws in place on a terminal and prints every tenth step otherwise. */
export function progressBar(io: Io, total: number) {
  const width = 30;
  let lastTenth = -1;
  const started = Date.now();
  return (done: number, label: string) => {
    const filled = Math.round((done / total) * width);
    const text = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} schools  ${((Date.now() - started) / 1000).toFixed(0)}s  ${label}`;
    if (io.isTty) io.stderr(`\r${text.slice(0, 110).padEnd(110)}${done === total ? '\n' : ''}`);
    else {
      const tenth = Math.floor((done / total) * 10);
      if (tenth !== lastTenth || done === total) io.stderr(`${text}\n`);
      lastTenth = tenth;
    }
  };
}

export async function run(argv: string[], io: Io = defaultIo): Promise<number> {
  return guarded('seed', io, async () => {
    const { values, positionals } = parseOptions(argv, { scale: { type: 'string' }, seed: { type: 'string' }, force: { type: 'boolean' } }, true);
    if (values.help) {
      io.stdout(`${HELP}\n`);
      return 0;
    }
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const scale = (values.scale ?? 'demo') as Scale;
    if (!SCALES.includes(scale)) throw new UsageError(`--scale must be one of ${SCALES.join(', ')} (got "${values.scale}")`);
    let seed: number | undefined;
    if (values.seed !== undefined) {
      seed = Number(values.seed);
      if (!/^-?\d+$/.test(values.seed) || !Number.isSafeInteger(seed)) throw new UsageError(`--seed must be an integer (got "${values.seed}")`);
    }
    const cli = await openDatabase();
    try {
      if (await isSeeded(cli.ctx.db)) {
        io.stderr(`campusguard seed: ${cli.where} already holds the demo data (account "admin" exists); nothing done. Seed a fresh DATA_DIR or database instead.\n`);
        return 1;
      }
      const schools = await cli.ctx.db.selectFrom('schools').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      if (schools.n > 0 && !values.force) {
        io.stderr(`campusguard seed: ${cli.where} already holds ${schools.n} schools; add --force to put the demo region beside them\n`);
        return 1;
      }
      io.stderr(`seeding ${scale} data into ${cli.where}${seed !== undefined ? ` (seed ${seed})` : ''}\n`);
      let bar: ReturnType<typeof progressBar> | null = null;
      const result = await seedDemo(cli.ctx, {
        scale,
        seed,
        progress: (done, total, label) => {
          bar ??= progressBar(io, total);
          bar(done, label);
        },
      });
      const people = await cli.ctx.db.selectFrom('persons').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      io.stdout(`seeded ${result.schools} schools and ${people.n} people into ${cli.where}\n`);
      io.stdout(`demo accounts (password ${DEMO_PASSWORD}): ${DEMO_ACCOUNTS.map((a) => a.username).join(', ')}\n`);
      return 0;
    } finally {
      await cli.close();
    }
  });
}
