import { connect } from './db/connect';
import { migrate } from './db/migrate';
import { readConfig } from './config';
import { buildApp } from './http/app';
import { FieldCipher, loadMasterKey } from './security/crypto';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, isSeeded, seedDemo } from './features/demo/seed';
import { registerAllJobs } from './jobs/all-jobs';
import { startJobs } from './jobs/scheduler';
import { requireTotpSetting } from './features/second-factor/policy';
import { retentionDays } from './domain/retention/policy';
import { setRuleDrainer } from './features/alerts/check-rule-queue';
import { ThreadRuleDrainer } from './features/alerts/check-rule-thread';

/** connect → migrate → seed the demo region on first start → listen. */
const config = readConfig();
const db = await connect({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
const applied = await migrate(db);
if (applied.length) console.log(`数据库迁移 / migrations applied: ${applied.join(', ')}`);
const cipher = new FieldCipher(loadMasterKey(config.dataDir));
const ctx = { db: db.kysely, dbKind: db.kind, cipher, now: () => new Date(), secureCookies: config.secureCookies };
if (config.seedOnFirstStart && !(await isSeeded(db.kysely))) {
  console.log('首次启动：正在生成演示数据 / first start: generating the demo region …');
  await seedDemo(ctx, { scale: 'demo' });
}
// Read before anything listens: a mistyped REQUIRE_TOTP stops the start instead of being ignored.
const requireTotp = requireTotpSetting(process.env, db.kind);
// Likewise a retention period under the audit minimum or not a number (RETENTION_*_DAYS).
retentionDays(process.env);
// On PostgreSQL the early-warning rules run in a thread of their own, off the requests' event loop.
const ruleThread = config.rulesThread && config.databaseUrl ? new ThreadRuleDrainer(ctx, config.databaseUrl) : null;
if (ruleThread) setRuleDrainer(ctx, ruleThread);
const app = await buildApp(ctx, { logger: process.env.LOG_REQUESTS === '1', sessionCacheMs: Number(process.env.SESSION_CACHE_MS ?? 5000), requireTotp });
await app.listen({ port: config.port, host: config.host });
registerAllJobs();
const stopJobs = startJobs(ctx);

const url = `http://localhost:${config.port}`;
console.log(`
校园防护墙 CampusGuard is running: ${url}
  API docs: ${url}/api/docs
  Database: ${db.kind === 'pglite' ? `embedded PGlite in ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)'}
  两步验证 / Second factor (TOTP): ${requireTotp ? '省市县教育局和系统管理员必须开启 / required for bureau and system-administrator accounts' : '可选 / optional for every account'} (REQUIRE_TOTP=${requireTotp ? 'on' : 'off'})
${db.kind === 'pglite' ? `  注意 / Note: the embedded database survives a killed process but NOT a power cut (no fsync).
  For production set DATABASE_URL=postgres://… to use PostgreSQL.
` : ''}
  Demo accounts (password for all: ${DEMO_PASSWORD}):
${DEMO_ACCOUNTS.map((a) => `    ${a.username.padEnd(12)} ${a.roleZh} / ${a.roleEn}`).join('\n')}
`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    stopJobs();
    await app.close();
    await ruleThread?.close();
    await db.close();
    process.exit(0);
  });
}
