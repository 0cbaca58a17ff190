import type { TestProject } from 'vitest/node';
import { type Cluster, postgresAvailable, startCluster } from './postgres-cluster';

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl: string | null;
  }
}

let cluster: Cluster | null = null;

/**
 * Starts one PostgreSQL 15 cluster for the whole run (each test file gets its own database in it).
 * TEST_POSTGRES=off skips it; where the binaries are missing the run fails unless it is off,
 * so CI can never silently test PGlite alone.
 */
export default async function setup(project: TestProject) {
  if (process.env.TEST_POSTGRES === 'off') {
    project.provide('pgUrl', null);
    return;
  }
  if (!postgresAvailable()) throw new Error('PostgreSQL binaries not found: install PostgreSQL 15 or run with TEST_POSTGRES=off');
  cluster = await startCluster();
  project.provide('pgUrl', cluster.url);
  return () => cluster?.stop();
}
