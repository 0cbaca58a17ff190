import { earlyWarningJobs } from '../features/alerts/jobs';
import { registerJob } from './scheduler';

/** Every capability's background jobs, registered in one place; src/server.ts starts them. */
export function registerAllJobs(): void {
  for (const job of earlyWarningJobs) registerJob(job);
}
