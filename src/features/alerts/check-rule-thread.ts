import { Worker } from 'node:worker_threads';
import type { AppContext } from '../../http/context';
import { announceCommitted } from '../notifications/bus';
import { CheckRuleDrainer, type RuleDrainer, recordDrain } from './check-rule-queue';

/**
 * The early-warning drains of a server on PostgreSQL, in a thread of their own with their own two
 * connections. In the main thread their JavaScript (reading the schools' cases, evaluating the rules,
 * building the merges) took an eighth of the event loop at a morning peak of 400 checks a second, and
 * every request in flight waited behind it: the rules added 7–9 ms to a submission's p95 there
 * (`npm run bench -- checks`). The queue stays the contract: the check path kicks, the thread drains,
 * and a commit's notifications still wake this process's live streams (forwarded by message).
 * Should the thread fail, the drains come back to the main thread; a crash loses nothing queued.
 */
export class ThreadRuleDrainer implements RuleDrainer {
  readonly stats = { enabled: false, lagsMs: [] as number[], drains: 0, workMs: 0 };
  private readonly worker: Worker;
  private readonly waits = new Map<number, () => void>();
  private nextWait = 0;
  private fallback: CheckRuleDrainer | null = null;
  private closing: Promise<void> | null = null;

  constructor(private readonly ctx: AppContext, databaseUrl: string) {
    const entry = new URL('./check-rule-thread-entry.ts', import.meta.url).href;
    // The entry is TypeScript like the rest of the server: the thread registers the same loader first.
    const loader = import.meta.resolve('tsx/esm/api');
    this.worker = new Worker(`import(${JSON.stringify(loader)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })`, { eval: true, workerData: { databaseUrl } });
    this.worker.unref();
    this.worker.on('message', (m: ThreadMessage) => {
      if (m.type === 'drained') recordDrain(this.stats, m);
      else if (m.type === 'committed') announceCommitted(m.ids);
      else if (m.type === 'idle') {
        this.waits.get(m.id)?.();
        this.waits.delete(m.id);
      }
    });
    this.worker.on('error', (err) => console.error('early-warning thread failed; the rules run in the main thread from now on:', err));
    this.worker.on('exit', () => {
      if (!this.closing) this.fail();
    });
  }

  kick(): void {
    // The thread's clock follows this one's (a test or a benchmark may run on a fixed clock).
    if (this.fallback) this.fallback.kick();
    else this.worker.postMessage({ type: 'kick', now: this.ctx.now().getTime() });
  }

  idle(): Promise<void> {
    if (this.fallback) return this.fallback.idle();
    return new Promise((resolve) => {
      const id = ++this.nextWait;
      this.waits.set(id, resolve);
      this.worker.postMessage({ type: 'idle', id });
    });
  }

  /** Lets the running drain finish, closes the thread's connections and ends the thread. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      if (this.fallback) return this.fallback.idle();
      const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
      this.worker.postMessage({ type: 'close' });
      await exited;
    })();
    return this.closing;
  }

  private fail(): void {
    if (this.fallback) return;
    this.fallback = new CheckRuleDrainer(this.ctx);
    this.fallback.onDrain = (r) => recordDrain(this.stats, r);
    for (const resolve of this.waits.values()) resolve();
    this.waits.clear();
    // Whatever the thread left queued.
    this.fallback.kick();
  }
}

export type ThreadMessage =
  | { type: 'drained'; evaluated: number; lagsMs: number[]; workMs: number }
  | { type: 'committed'; ids: number[] }
  | { type: 'idle'; id: number };
