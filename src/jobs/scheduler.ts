import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { AppContext } from '../http/context';

/**
 * Background jobs (escalations, the daily statistical scan, notification delivery). A job runs only
 * on the instance that holds its lease row (job_leases), so with several app instances it runs once.
 */
export interface Job {
  name: string;
  /** Milliseconds between runs. */
  everyMs: number;
  run(ctx: AppContext): Promise<unknown>;
}

const jobs: Job[] = [];
const instance = randomBytes(6).toString('hex');

export function registerJob(job: Job): void {
  if (!jobs.some((j) => j.name === job.name)) jobs.push(job);
}

export function registeredJobs(): readonly Job[] {
  return jobs;
}

/** Takes the job's lease if it is free or expired; true when this instance may run the job now. */
export async function takeLease(ctx: AppContext, name: string, holder = instance, seconds = 300): Promise<boolean> {
  const now = ctx.now();
  const until = new Date(now.getTime() + seconds * 1000);
  const result = await sql<{ name: string }>`
    insert into job_leases (name, holder, leased_until) values (${name}, ${holder}, ${until})
    on conflict (name) do update set holder = excluded.holder, leased_until = excluded.leased_until
      where job_leases.leased_until < ${now} or job_leases.holder = excluded.holder
    returning name`.execute(ctx.db);
  return result.rows.length === 1;
}

/** Runs one job if this instance gets its lease; returns false when another instance holds it. */
export async function runJobOnce(ctx: AppContext, job: Job, holder = instance): Promise<boolean> {
  if (!(await takeLease(ctx, job.name, holder, Math.max(60, Math.ceil(job.everyMs / 1000) * 2)))) return false;
  let error: string | null = null;
  try {
    await job.run(ctx);
  } catch (err) {
    error = err instanceof Error ? err.message : String(err);
    throw err;
  } finally {
    // Keep the lease for most of a period, so another instance's timer does not run the job again at once.
    const until = new Date(ctx.now().getTime() + Math.floor(job.everyMs * 0.9));
    await ctx.db.updateTable('job_leases').set({ last_run_at: ctx.now(), last_error: error, leased_until: until }).where('name', '=', job.name).where('holder', '=', holder).execute();
  }
  return true;
}

/** Starts every registered job on its interval; returns a function that stops them. */
export function startJobs(ctx: AppContext, log: (message: string, err?: unknown) => void = console.error): () => void {
  const timers = jobs.map((job) => {
    let running = false;
    const timer = setInterval(async () => {
      if (running) return;
      running = true;
      try {
        await runJobOnce(ctx, job);
      } catch (err) {
        log(`job ${job.name} failed`, err);
      } finally {
        running = false;
      }
    }, job.everyMs);
    timer.unref();
    return timer;
  });
  return () => {
    for (const t of timers) clearInterval(t);
  };
}
