import { earlyWarningJobs } from '../features/alerts/jobs';
import { escalateOverdueFindings } from '../features/rectification/escalate';
import { registerJob } from './scheduler';

/** Every capability's background jobs, registered in one place; src/server.ts starts them. */
export function registerAllJobs(): void {
  for (const job of earlyWarningJobs) registerJob(job);
  // Findings escalate by day; an hourly run is enough and escalates each overdue finding once.
  registerJob({ name: 'rectification.escalate', everyMs: 3_600_000, run: escalateOverdueFindings });
}
