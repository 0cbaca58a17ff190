import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

/**
 * The two processes the crash test kills: the product's HTTP server (src/server.ts in a child process,
 * as `npm start` runs it) and the PostgreSQL server of a cluster from test/harness/postgres-cluster.ts,
 * found through its own data directory and restarted with `pg_ctl restart` (which reuses the options
 * the cluster was started with, from postmaster.opts).
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

function pgBinary(name: string): string {
  const dirs = [...(process.env.PG_BIN ? [process.env.PG_BIN] : []), ...(process.env.PATH ?? '').split(':'), '/usr/lib/postgresql/15/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/17/bin'];
  for (const d of dirs) if (d && existsSync(path.join(d, name))) return path.join(d, name);
  throw new Error(`${name} not found; set PG_BIN`);
}

// PostgreSQL refuses to run as root: the harness runs the cluster as `postgres`, and so does this.
const asPostgres = (cmd: string, args: string[]) => (process.getuid?.() === 0 ? execFileSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { stdio: 'pipe' }) : execFileSync(cmd, args, { stdio: 'pipe' }));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class PostgresServer {
  private constructor(readonly dataDir: string) {}

  static async of(adminUrl: string): Promise<PostgresServer> {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    const dir = (await client.query<{ data_directory: string }>('show data_directory')).rows[0].data_directory;
    await client.end();
    return new PostgresServer(dir);
  }

  /** kill -9 the postmaster and every backend at once: the server gets no chance to write or flush anything. */
  async kill9(): Promise<void> {
    const postmaster = Number(readFileSync(path.join(this.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    const children = childrenOf(postmaster);
    for (const pid of [postmaster, ...children]) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {}
    }
    for (let i = 0; i < 500 && [postmaster, ...children].some(alive); i++) await sleep(10);
  }

  /** Starts it again after a kill; it runs crash recovery from the WAL before it accepts connections. */
  restart(): void {
    asPostgres(pgBinary('pg_ctl'), ['-D', this.dataDir, '-l', path.join(path.dirname(this.dataDir), 'log'), '-w', '-t', '60', 'restart']);
  }
}

/** The processes whose parent is `pid`, from /proc (field 4 of /proc/<pid>/stat, after the name in parentheses). */
function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) out.push(Number(entry));
    } catch {}
  }
  return out;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export class AppServer {
  private child: ChildProcess | null = null;
  /** The end of the server's standard error, to show why a trial went wrong. */
  stderr = '';
  readonly url: string;
  constructor(
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {
    this.url = `http://127.0.0.1:${port}`;
  }

  /** Starts src/server.ts and waits until /api/health answers. */
  async start(): Promise<void> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      cwd: root,
      env: { ...process.env, ...this.env, PORT: String(this.port), HOST: '127.0.0.1', SEED_DEMO: '0' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr?.on('data', (d) => {
      this.stderr = (this.stderr + d).slice(-4000);
    });
    this.child = child;
    for (let i = 0; i < 1200; i++) {
      if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}: ${this.stderr}`);
      try {
        if ((await fetch(`${this.url}/api/health`)).ok) return;
      } catch {}
      await sleep(50);
    }
    throw new Error(`the server did not answer within 60 s: ${this.stderr}`);
  }

  /** SIGKILL, and wait until it is gone so its port is free for the next start. */
  async kill9(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await gone;
  }
}
