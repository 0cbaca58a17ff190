import path from 'node:path';

/** Settings from the environment, read once at start-up. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  secureCookies: boolean;
  seedOnFirstStart: boolean;
  /** With PostgreSQL, the early-warning rules run in a thread of their own (RULES_THREAD, default on). */
  rulesThread: boolean;
}

export function readConfig(env = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  const rulesThread = env.RULES_THREAD ?? 'on';
  if (rulesThread !== 'on' && rulesThread !== 'off') throw new Error(`RULES_THREAD must be on or off, got "${env.RULES_THREAD}"`);
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    dataDir: path.resolve(env.DATA_DIR ?? 'data'),
    databaseUrl: env.DATABASE_URL || undefined,
    secureCookies: env.SECURE_COOKIES === '1',
    seedOnFirstStart: env.SEED_DEMO !== '0',
    rulesThread: rulesThread === 'on' && !!env.DATABASE_URL,
  };
}
