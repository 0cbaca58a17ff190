import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * A throw-away PostgreSQL cluster in a temp folder on a free loopback port, from the machine's own
 * server binaries (initdb, pg_ctl). PostgreSQL refuses to run as root, so as root it runs as `postgres`.
 */
export interface Cluster {
  url: string;
  stop(): void;
}

function findBinary(name: string): string | null {
  const dirs = [...(process.env.PG_BIN ? [process.env.PG_BIN] : []), ...(process.env.PATH ?? '').split(':'), '/usr/lib/postgresql/15/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/17/bin'];
  for (const d of dirs) if (d && existsSync(path.join(d, name))) return path.join(d, name);
  return null;
}

export function postgresAvailable(): boolean {
  return !!findBinary('initdb') && !!findBinary('pg_ctl');
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export async function startCluster(options: { fsync?: boolean } = {}): Promise<Cluster> {
  const initdb = findBinary('initdb');
  const pgCtl = findBinary('pg_ctl');
  if (!initdb || !pgCtl) throw new Error('PostgreSQL server binaries (initdb, pg_ctl) not found; set PG_BIN');
  const asRoot = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]) => (asRoot ? execFileSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { stdio: 'pipe' }) : execFileSync(cmd, args, { stdio: 'pipe' }));
  const dir = mkdtempSync(path.join(os.tmpdir(), 'campusguard-pg-'));
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  const data = path.join(dir, 'data');
  run(initdb, ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  const port = await freePort();
  const settings = [
    `-p ${port}`, "-c listen_addresses='127.0.0.1'", `-k ${dir}`, `-c fsync=${options.fsync ? 'on' : 'off'}`,
    `-c synchronous_commit=${options.fsync ? 'on' : 'off'}`, '-c full_page_writes=off', '-c max_connections=200', '-c shared_buffers=256MB',
    // More settings for a profiling run, e.g. "-c shared_preload_libraries=pg_stat_statements".
    ...(process.env.PG_EXTRA_SETTINGS ? [process.env.PG_EXTRA_SETTINGS] : []),
  ].join(' ');
  run(pgCtl, ['-D', data, '-o', settings, '-l', path.join(dir, 'log'), '-w', '-t', '60', 'start']);
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  return {
    url,
    stop() {
      try {
        run(pgCtl, ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
