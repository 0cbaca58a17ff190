// CPU time spent by this process (every thread: server, load generator, early-warning thread) and by a
// PostgreSQL server (the postmaster and its children), read from /proc, so that a benchmark can say
// what one operation costs in CPU and how busy the machine was besides. Linux only; elsewhere null.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';

export interface CpuReading {
  /** Milliseconds of CPU, since an arbitrary origin. */
  process: number;
  database: number;
  /** Every CPU of the machine, whoever used it. */
  machine: number;
  /** Wall-clock milliseconds. */
  at: number;
}

export interface CpuSpan {
  process: number;
  database: number;
  /** CPU others on the machine used meanwhile. */
  others: number;
  wall: number;
}

let ticksPerSecond: number | null = null;
const tick = () => {
  if (ticksPerSecond === null) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return 1000 / ticksPerSecond;
};

/** utime, stime, cutime, cstime and ppid of one process, or null when it is gone. */
function stat(pid: number | string): { ppid: number; own: number; reaped: number } | null {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(f[1]), own: Number(f[11]) + Number(f[12]), reaped: Number(f[13]) + Number(f[14]) };
  } catch {
    return null;
  }
}

function machineTicks(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal: busy is all but idle and iowait.
  return line[0] + line[1] + line[2] + line[5] + line[6] + line[7];
}

/**
 * A meter for the database whose postmaster is `postmasterPid` (the parent of any backend:
 * `select pg_backend_pid()`). Backends that exited count through the postmaster's reaped time.
 */
export function cpuMeter(postmasterPid: number): { read(): CpuReading; span(a: CpuReading, b: CpuReading): CpuSpan } | null {
  if (os.platform() !== 'linux' || !stat(postmasterPid)) return null;
  const ms = tick();
  const read = (): CpuReading => {
    const root = stat(postmasterPid);
    let database = root ? root.own + root.reaped : 0;
    for (const name of readdirSync('/proc')) {
      if (name.charCodeAt(0) > 57) continue;
      const s = stat(name);
      if (s && s.ppid === postmasterPid) database += s.own;
    }
    const u = process.cpuUsage();
    return { process: (u.user + u.system) / 1000, database: database * ms, machine: machineTicks() * ms, at: performance.now() };
  };
  const span = (a: CpuReading, b: CpuReading): CpuSpan => {
    const proc = b.process - a.process;
    const database = b.database - a.database;
    return { process: proc, database, others: Math.max(0, b.machine - a.machine - proc - database), wall: b.at - a.at };
  };
  return { read, span };
}

/** Adds spans (segments of one phase). */
export function addSpans(spans: CpuSpan[]): CpuSpan {
  return spans.reduce((t, s) => ({ process: t.process + s.process, database: t.database + s.database, others: t.others + s.others, wall: t.wall + s.wall }), { process: 0, database: 0, others: 0, wall: 0 });
}
