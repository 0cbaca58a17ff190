import path from 'node:path';
import { sql } from 'kysely';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signVenueToken } from '../../src/domain/venue-codes/venue-token';
import { DEMO_PASSWORD } from '../../src/features/demo/seed';
import { registerPersonStateSource, unregisterPersonStateSource } from '../../src/features/gate/person-state';
import { campusKeys } from '../../src/features/venue-codes/keys';
import { launchBrowser, loginThroughForm, PHONE, SCREENSHOTS, startProduct } from './harness';

describe.skipIf(process.env.TEST_BROWSER === 'off')('the gate page on a phone', () => {
  let product: Awaited<ReturnType<typeof startProduct>>;
  let browser: Browser;
  beforeAll(async () => {
    product = await startProduct();
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    unregisterPersonStateSource('browser-yellow');
    await browser?.close();
    await product?.stop();
  });

  it('the guard enters the venue code, looks up a yellow-status student and is told to refuse', async () => {
    const db = product.ctx.db;
    const guard = await db.selectFrom('accounts').select('school_id').where('username', '=', 'guard').executeTakeFirstOrThrow();
    const gate = await db.selectFrom('venue_codes').selectAll().where('school_id', '=', guard.school_id).where('name', '=', '东门').executeTakeFirstOrThrow();
    const token = signVenueToken(campusKeys(product.ctx.cipher).venue, { codeId: gate.id, expiresAt: Math.floor(gate.expires_at.getTime() / 1000), nonce: gate.nonce });
    const student = await db.selectFrom('persons').select(['id', 'name', 'student_number']).where('school_id', '=', guard.school_id).where('kind', '=', 'student').orderBy('id', 'desc').executeTakeFirstOrThrow();
    // The student's risk status is yellow: in the response records when they exist, else from a source.
    const hasResponse = (await sql<{ t: string | null }>`select to_regclass('risk_statuses')::text as t`.execute(db)).rows[0].t;
    if (hasResponse) await sql`insert into risk_statuses (person_id, status, computed_status, reasons, updated_at) values (${student.id}, 'yellow', 'yellow', '[]'::jsonb, now())`.execute(db);
    else registerPersonStateSource('browser-yellow', async (_db, ids) => new Map(ids.filter((id) => id === student.id).map((id) => [id, { riskStatus: 'yellow' as const }])));

    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    await loginThroughForm(page, product.url, 'guard', DEMO_PASSWORD);
    await page.goto(`${product.url}/gate`);
    // No camera in the test browser: the guard types (pastes) the venue code instead of scanning it.
    await page.getByTestId('gate-venue-input').fill(token);
    await page.getByTestId('gate-venue-submit').click();
    await expect.poll(() => page.getByTestId('gate-venue-name').textContent()).toContain('东门');
    await page.getByTestId('gate-subject-input').fill(student.student_number!);
    await page.getByTestId('gate-lookup').click();
    await expect.poll(() => page.getByTestId('gate-person-name').textContent()).toBe(student.name);
    await expect.poll(() => page.getByTestId('gate-risk').textContent()).toBe('黄码');
    await expect.poll(() => page.getByTestId('gate-state-warning').textContent()).toContain('应劝返');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'gate-phone-lookup-yellow.png'), fullPage: true });
    for (const c of ['realNameVerified', 'maskWorn', 'venueCodeScanned', 'travelRecordShown']) await page.getByTestId(`gate-check-${c}`).click();
    await page.locator('input[data-testid="gate-temperature"], [data-testid="gate-temperature"] input').first().fill('36.5');
    await page.getByTestId('gate-submit').click();
    await expect.poll(() => page.getByTestId('gate-decision').textContent()).toBe('劝返');
    await expect.poll(() => page.getByTestId('gate-reasons').textContent()).toContain('健康码黄码');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'gate-phone-refused.png'), fullPage: true });
    const width = await page.evaluate('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(390);
    const entry = await db.selectFrom('gate_entries').select(['decision', 'reasons', 'risk_status']).where('person_id', '=', student.id).executeTakeFirstOrThrow();
    expect(entry).toEqual({ decision: 'refuse', reasons: ['risk_yellow'], risk_status: 'yellow' });

    // A bad venue code is refused with its cause named.
    await page.getByTestId('gate-next').click();
    await page.goto(`${product.url}/gate?v=${token.slice(0, -2)}zz`);
    await expect.poll(() => page.getByTestId('error-alert').textContent()).toContain('签名无效');
    await context.close();
  }, 120_000);

  it('a parent reads a letter on the phone and acknowledges it; the school sees the rate', async () => {
    const db = product.ctx.db;
    const parent = await db.selectFrom('accounts').innerJoin('account_children', 'account_children.account_id', 'accounts.id').innerJoin('persons', 'persons.id', 'account_children.person_id').select(['persons.class_id', 'persons.school_id']).where('accounts.username', '=', 'parent').executeTakeFirstOrThrow();
    const login = await fetch(`${product.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'principal', password: DEMO_PASSWORD }) });
    const headers = { 'content-type': 'application/json', cookie: login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; '), 'x-csrf-token': ((await login.json()) as { csrfToken: string }).csrfToken };
    const sent = await fetch(`${product.url}/api/notices`, { method: 'POST', headers, body: JSON.stringify({ title: '致家长和学生的一封信', body: '请每日关注孩子健康状况，如有发热及时报告班主任。', audience: 'parents', target: { type: 'class', key: String(parent.class_id) }, idempotencyKey: `browser-${Date.now()}` }) });
    const notice = (await sent.json()) as { id: number; recipients: number };
    expect(notice.recipients).toBeGreaterThan(0);

    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    await loginThroughForm(page, product.url, 'parent', DEMO_PASSWORD);
    await page.goto(`${product.url}/notices/mine`);
    await page.getByTestId('notice-ack').first().click();
    await page.getByTestId('notice-acknowledged').first().waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'parent-phone-notice.png'), fullPage: true });
    await context.close();
    const detail = (await (await fetch(`${product.url}/api/notices/${notice.id}`, { headers })).json()) as { notice: { acknowledged: number } };
    expect(detail.notice.acknowledged).toBeGreaterThan(0);
  }, 120_000);
});
