import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { sql } from 'kysely';
import { connect } from '../../db/connect';
import type { AppContext } from '../../http/context';
import type { FieldCipher } from '../../security/crypto';
import { notificationBus } from '../notifications/bus';
import { CheckRuleDrainer } from './check-rule-queue';
import type { ThreadMessage } from './check-rule-thread';

// The early-warning thread (check-rule-thread.ts): drains the rule queue when the main thread kicks.
const port = parentPort!;
const { databaseUrl } = workerData as { databaseUrl: string };
// The lowest priority for this thread (Linux threads have a nice value of their own): the requests'
// thread and the database take the cores first, the rules the time they leave. At 400 checks a second
// the rules then added 2–4 ms to a submission's p95 instead of 7–9 ms at the same priority; at
// saturation their alerts come a few seconds later (`npm run bench -- checks`).
try {
  setPriority(Number(readlinkSync('/proc/thread-self').split('/').pop()), 19);
} catch {
  // Not Linux: the thread keeps its priority.
}
// One drain at a time, one transaction each: two connections are plenty.
process.env.DB_POOL_SIZE = '2';
const db = await connect({ databaseUrl });
// A thread that cannot reach the database ends here, and the main thread drains instead.
await sql`select 1`.execute(db.kysely);
let clock = { base: Date.now(), at: performance.now() };
const noCipher = new Proxy({}, { get: () => { throw new Error('the early-warning thread has no field cipher'); } }) as FieldCipher;
const ctx: AppContext = { db: db.kysely, dbKind: 'postgres', cipher: noCipher, now: () => new Date(clock.base + (performance.now() - clock.at)), secureCookies: false };
const drainer = new CheckRuleDrainer(ctx);
const send = (m: ThreadMessage) => port.postMessage(m);
drainer.onDrain = (r) => send({ type: 'drained', ...r });
// A drain's afterCommit hooks announce new notifications on this thread's bus; the streams listen in the main thread.
notificationBus.on('committed', (ids: number[]) => send({ type: 'committed', ids }));

port.on('message', async (m: { type: 'kick'; now: number } | { type: 'idle'; id: number } | { type: 'close' }) => {
  if (m.type === 'kick') {
    clock = { base: m.now, at: performance.now() };
    drainer.kick();
  } else if (m.type === 'idle') {
    await drainer.idle();
    send({ type: 'idle', id: m.id });
  } else {
    await drainer.idle();
    await db.close();
    process.exit(0);
  }
});
