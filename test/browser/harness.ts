import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { connect, type Db } from '../../src/db/connect';
import { migrate } from '../../src/db/migrate';
import { seedDemo } from '../../src/features/demo/seed';
import { buildApp, DEFAULT_WEB_DIST } from '../../src/http/app';
import type { AppContext } from '../../src/http/context';
import { FieldCipher } from '../../src/security/crypto';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Screenshots go to a temp folder; `SCREENSHOT_DIR=docs/screenshots npm test` refreshes the README's pictures. */
export const SCREENSHOTS = path.resolve(process.env.SCREENSHOT_DIR ?? path.join(os.tmpdir(), 'campusguard-screenshots'));
mkdirSync(SCREENSHOTS, { recursive: true });

export type Product = { url: string; ctx: AppContext; db: Db; stop(): Promise<void> };

/** The whole product (API and built web app) on a free loopback port, over an in-memory demo region. */
export async function startProduct(): Promise<Product> {
  if (!existsSync(`${DEFAULT_WEB_DIST}/index.html`)) throw new Error('web/dist is missing: run `npm run build` (npm test does it first)');
  const db = await connect({ memory: true });
  await migrate(db);
  const ctx: AppContext = { db: db.kysely, dbKind: db.kind, cipher: new FieldCipher(randomBytes(32)), now: () => new Date(), secureCookies: false };
  await seedDemo(ctx, { scale: 'demo' });
  const app = await buildApp(ctx);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${address.port}`,
    ctx,
    db,
    async stop() {
      await app.close();
      await db.close();
    },
  };
}

/** Debian's Chromium, headless, with nothing that reaches outside this machine. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium (or set TEST_BROWSER=off)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/**
 * The product and Chromium for one test file: started before its tests, stopped after them. Read
 * `running.product` and `running.browser` inside the tests (they are set once beforeAll has run).
 *
 * `freshOnRetry`: a retried test starts from a new product with a new demo region, for a file whose
 * one test changes the demo as it goes (a week's draw made, an alert acknowledged): its first attempt
 * may have got halfway, and the retry could not do again what is already done. Not for files whose
 * tests build on one another.
 */
export function productAndBrowser(options: { freshOnRetry?: boolean } = {}): { product: Product; browser: Browser } {
  const running = {} as { product: Product; browser: Browser };
  beforeAll(async () => {
    running.product = await startProduct();
    running.browser = await launchBrowser();
  }, 180_000);
  beforeEach(async ({ task }) => {
    if (!options.freshOnRetry || !task.result?.retryCount) return;
    await running.product.stop();
    running.product = await startProduct();
  }, 180_000);
  afterAll(async () => {
    await running.browser?.close();
    await running.product?.stop();
  });
  return running;
}

export const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
export const DESKTOP = { viewport: { width: 1366, height: 860 } };

export async function loginThroughForm(page: Page, url: string, username: string, password: string) {
  await page.goto(url);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('app-menu').first().waitFor({ timeout: 20_000 });
}

/**
 * Clicks and waits for the API call the click makes; a refusal fails with the server's own answer
 * (a toast is gone long before a timeout), and no call at all says the click did nothing and whether
 * the target was still there. A target in a dialog is clicked once the dialog has finished opening:
 * a click while it still zooms in can land beside the moving button, on the mask, which closes it.
 */
export async function clickAndAwaitApi(page: Page, target: Locator, method: string, pathname: string, timeout = 60_000) {
  await settled(target);
  const answered = page.waitForResponse((r) => r.request().method() === method && new URL(r.url()).pathname === pathname, { timeout });
  await target.click();
  const res = await answered.catch(async (e: Error) => {
    const still = await target.isVisible().catch(() => false);
    throw new Error(`no answer to ${method} ${pathname} after the click (${still ? 'the target is still shown' : 'the target is gone'}): ${e.message}`);
  });
  if (!res.ok()) throw new Error(`${method} ${pathname} answered ${res.status()}: ${await res.text()}`);
  return res;
}

/** Waits until the animations of the target's dialog (or of the target itself) have finished. */
export async function settled(target: Locator): Promise<void> {
  // The project's test code has no DOM types: the page's element, as far as used here.
  type Animated = { closest(selector: string): Animated | null; getAnimations(o: { subtree: boolean }): Array<{ finished: Promise<unknown> }> };
  await target.evaluate(async (el) => {
    const box = (el as Animated).closest('.ant-modal, .ant-drawer-content-wrapper, .ant-popover') ?? (el as Animated);
    await Promise.all(box.getAnimations({ subtree: true }).map((a) => a.finished.catch(() => undefined)));
  });
}
