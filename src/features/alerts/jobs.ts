import type { AppContext } from '../../http/context';
import type { Job } from '../../jobs/scheduler';
import { notificationBus } from '../notifications/bus';
import { dispatchNotifications } from '../notifications/dispatcher';
import { shanghaiDay, shanghaiTime } from './calendar';
import { checkRuleDrainer } from './check-rule-queue';
import { escalateOverdueAlerts } from './escalate';
import { runDailyScan } from './scan';

/** Local time (Asia/Shanghai) after which the day's checks are in and the daily scan runs. */
export const DAILY_SCAN_AFTER = '21:00';

/** Claims a job run: true for exactly one caller per key, across all app instances. */
export async function claimJobRun(ctx: AppContext, job: string, runKey: string): Promise<boolean> {
  const row = await ctx.db.insertInto('alert_job_runs').values({ job, run_key: runKey, started_at: ctx.now(), result: null })
    .onConflict((oc) => oc.columns(['job', 'run_key']).doNothing()).returning('job').executeTakeFirst();
  return !!row;
}

/** The day's statistical scan, once per day after the last session's deadline (claimed, so once across instances). */
export async function runDailyScanIfDue(ctx: AppContext) {
  const now = ctx.now();
  const today = shanghaiDay(now);
  if (shanghaiTime(now) < DAILY_SCAN_AFTER || !(await claimJobRun(ctx, 'daily-scan', today))) return null;
  const scan = await runDailyScan(ctx, today);
  await ctx.db.updateTable('alert_job_runs').set({ result: JSON.stringify({ signals: scan.signals, raised: scan.raised }) }).where('job', '=', 'daily-scan').where('run_key', '=', today).execute();
  return scan;
}

/** One round of the scheduled work: escalations, the day's scan once it is due, and the outbox. */
export async function runAlertJobsOnce(ctx: AppContext) {
  const escalated = await escalateOverdueAlerts(ctx);
  const scan = await runDailyScanIfDue(ctx);
  const sent = await dispatchNotifications(ctx);
  return { escalated: escalated.escalated.length, scan, sent };
}

/** The same work as jobs for src/jobs/scheduler.ts (`registerJob` each), which runs each on one instance. */
export const earlyWarningJobs: Job[] = [
  { name: 'alerts.escalate', everyMs: 60_000, run: escalateOverdueAlerts },
  { name: 'alerts.daily-scan', everyMs: 300_000, run: runDailyScanIfDue },
  { name: 'notifications.dispatch', everyMs: 15_000, run: (ctx) => dispatchNotifications(ctx) },
  // Class checks whose rules a crash or a failed evaluation left queued (check-rule-queue.ts), drained
  // by this database's drainer: the server's early-warning thread where it has one.
  { name: 'alerts.check-rules', everyMs: 10_000, run: (ctx) => {
    const drainer = checkRuleDrainer(ctx);
    drainer.kick();
    return drainer.idle();
  } },
];

/**
 * Starts the alert and notification jobs in this process: a round every `intervalMs`, and an outbox
 * run right after any commit that queued notifications. Safe with several instances (claims, guarded
 * updates, SKIP LOCKED). Returns a stop function for shutdown.
 */
export function startAlertJobs(ctx: AppContext, o: { intervalMs?: number } = {}): { stop(): void } {
  let running = false;
  let again = false;
  const round = async (full: boolean) => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      if (full) await runAlertJobsOnce(ctx);
      else await dispatchNotifications(ctx);
    } catch (err) {
      console.error('alert jobs failed', err);
    } finally {
      running = false;
      if (again) {
        again = false;
        setImmediate(() => void round(false));
      }
    }
  };
  const timer = setInterval(() => void round(true), o.intervalMs ?? 60_000);
  timer.unref();
  const onCommit = () => void round(false);
  notificationBus.on('committed', onCommit);
  return {
    stop() {
      clearInterval(timer);
      notificationBus.off('committed', onCommit);
    },
  };
}
