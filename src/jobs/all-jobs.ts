import { earlyWarningJobs } from '../features/alerts/jobs';
import { purgeGateLedger } from '../features/gate/retention';
import { escalateOverdueFindings } from '../features/rectification/escalate';
import { purgeExpiredData } from '../features/retention/purge';
import { escalateLateSelfReports } from '../features/self-reports/escalate';
import { AUDIT_SEAL_EVERY_MS, sealAuditLog } from '../features/audit/seal';
import { remindMissingReports } from '../features/checks/reminders';
import { registerJob } from './scheduler';

/** Every capability's background jobs, registered in one place; src/server.ts starts them. */
export function registerAllJobs(): void {
  for (const job of earlyWarningJobs) registerJob(job);
  // Findings escalate by day; an hourly run is enough and escalates each overdue finding once.
  registerJob({ name: 'rectification.escalate', everyMs: 3_600_000, run: escalateOverdueFindings });
  registerJob({ name: 'audit.seal', everyMs: AUDIT_SEAL_EVERY_MS, run: (ctx) => sealAuditLog(ctx.db) });
  registerJob({ name: 'checks.missing-reminders', everyMs: 300_000, run: remindMissingReports });
  registerJob({ name: 'self-reports.escalate', everyMs: 3_600_000, run: escalateLateSelfReports });
  // The gate ledger is personal data: purged daily past GATE_LEDGER_DAYS (default one school year, never under 184).
  const ledgerDays = Math.max(184, Number(process.env.GATE_LEDGER_DAYS ?? 365));
  registerJob({ name: 'gate.retention', everyMs: 86_400_000, run: (ctx) => purgeGateLedger(ctx, ledgerDays) });
  // Personal health data by class (check details, isolation check-ins, screening answers, travel, notifications).
  registerJob({ name: 'retention.purge', everyMs: 86_400_000, run: (ctx) => purgeExpiredData(ctx) });
}
