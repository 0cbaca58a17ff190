import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Secret, TOTP } from 'otpauth';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/db/connect';
import { migrate } from '../../src/db/migrate';
import { DEMO_PASSWORD, seedDemo } from '../../src/features/demo/seed';
import { buildApp, DEFAULT_WEB_DIST } from '../../src/http/app';
import type { AppContext } from '../../src/http/context';
import { FieldCipher } from '../../src/security/crypto';
import { DESKTOP, launchBrowser, loginThroughForm, SCREENSHOTS } from './harness';

/**
 * The code an authenticator app shows, computed here with otpauth. The server runs on the wall clock:
 * the code of the next 30-second step is inside the ±1 step it allows and later than any step already
 * used, so no test has to wait for a new step.
 */
const nextCode = (secret: string) =>
  TOTP.generate({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30, timestamp: Date.now() + 30_000 });
const currentCode = (secret: string) => TOTP.generate({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30, timestamp: Date.now() });

/** The product as harness.startProduct builds it, with the second-factor requirement on (as with PostgreSQL in production). */
async function startStrictProduct() {
  const db = await connect({ memory: true });
  await migrate(db);
  const ctx: AppContext = { db: db.kysely, dbKind: db.kind, cipher: new FieldCipher(randomBytes(32)), now: () => new Date(), secureCookies: false };
  await seedDemo(ctx, { scale: 'demo' });
  const app = await buildApp(ctx, { webDist: DEFAULT_WEB_DIST, requireTotp: true });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url: `http://127.0.0.1:${(app.server.address() as { port: number }).port}`,
    async stop() {
      await app.close();
      await db.close();
    },
  };
}

/** Enrols on the page shown (the security page or the forced one): the key read off the page, the code computed here. */
async function enrolOnPage(page: Page): Promise<string> {
  await page.getByTestId('second-factor-start').click();
  await page.getByTestId('second-factor-qr').waitFor();
  const secret = ((await page.getByTestId('second-factor-secret').textContent()) ?? '').replace(/[^A-Z2-7]/g, '');
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await page.getByTestId('second-factor-code').fill(currentCode(secret));
  await page.getByTestId('second-factor-confirm').click();
  const codes = (await page.getByTestId('second-factor-recovery-codes').textContent()) ?? '';
  expect(codes.match(/[a-z2-9]{5}-[a-z2-9]{5}/g)).toHaveLength(10);
  return secret;
}

describe.skipIf(process.env.TEST_BROWSER === 'off')('the second factor in Chromium', () => {
  let product: Awaited<ReturnType<typeof startStrictProduct>>;
  let browser: Browser;
  beforeAll(async () => {
    product = await startStrictProduct();
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  });

  it('a school doctor turns it on, logs out, and is asked for the code at the next login', async () => {
    const context = await browser.newContext(DESKTOP);
    const page = await context.newPage();
    await loginThroughForm(page, product.url, 'doctor', DEMO_PASSWORD);
    await page.goto(`${product.url}/security`);
    await expect.poll(() => page.getByTestId('second-factor-state').textContent()).toBe('未开启');
    const secret = await enrolOnPage(page);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'second-factor-recovery-codes.png') });
    await page.getByTestId('second-factor-recovery-saved').click();
    await expect.poll(() => page.getByTestId('second-factor-state').textContent()).toBe('已开启');
    expect(await page.getByTestId('second-factor-recovery-left').textContent()).toContain('10');

    await page.getByTestId('user-menu').click();
    await page.getByTestId('logout').click();
    await page.getByTestId('login-username').fill('doctor');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('login-totp').waitFor();
    await page.getByTestId('login-totp').fill(nextCode(secret));
    await page.getByTestId('login-totp-submit').click();
    await page.getByTestId('app-menu').first().waitFor({ timeout: 20_000 });
    await context.close();
  }, 120_000);

  it('a county officer without a second factor is sent to set it up before anything else', async () => {
    const context = await browser.newContext(DESKTOP);
    const page = await context.newPage();
    await page.goto(`${product.url}/structure`);
    await page.getByTestId('login-username').fill('jinshui');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('second-factor-forced').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('app-menu').count()).toBe(0);
    await enrolOnPage(page);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'second-factor-forced.png') });
    await page.getByTestId('second-factor-recovery-saved').click();
    // The page asked for stays: the app appears where the officer was going.
    await page.getByTestId('region-tree').waitFor({ timeout: 20_000 });
    await context.close();
  }, 120_000);
});
