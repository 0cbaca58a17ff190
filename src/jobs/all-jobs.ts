import { registerJob } from './scheduler';

/** Every capability's background jobs, registered in one place; src/server.ts starts them. */
export function registerAllJobs(): void {
  // Registrations are added here as capabilities export their job functions.
  void registerJob;
}
