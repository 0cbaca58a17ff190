import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/features/demo/seed';
import { clickAndAwaitApi, DESKTOP, loginThroughForm, PHONE, productAndBrowser, SCREENSHOTS } from './harness';

describe.skipIf(process.env.TEST_BROWSER === 'off')('response in the browser', () => {
  const running = productAndBrowser();

  it('a parent requests leave on a phone and the class teacher approves it', async () => {
    const { url } = running.product;
    const reason = '去郑州看望外婆';
    const parentContext = await running.browser.newContext(PHONE);
    const parent = await parentContext.newPage();
    await loginThroughForm(parent, url, 'parent', DEMO_PASSWORD);
    await parent.goto(`${url}/leave/mine`);
    await parent.getByTestId('leave-form').waitFor();
    await parent.getByTestId('leave-reason').fill(reason);
    await parent.getByTestId('leave-destination').fill('郑州市金水区');
    await parent.getByTestId('leave-submit').click();
    const mine = parent.getByTestId('leave-row').filter({ hasText: reason });
    await mine.waitFor({ timeout: 15_000 }).catch(async (e) => {
      await parent.screenshot({ path: path.join(SCREENSHOTS, 'response-leave-parent-failed.png'), fullPage: true });
      throw e;
    });
    await expect(mine.getByTestId('leave-next').textContent()).resolves.toContain('陈老师');
    await parent.screenshot({ path: path.join(SCREENSHOTS, 'response-leave-parent-phone.png'), fullPage: true });

    const teacherContext = await running.browser.newContext(DESKTOP);
    const teacher = await teacherContext.newPage();
    await loginThroughForm(teacher, url, 'teacher', DEMO_PASSWORD);
    await teacher.goto(`${url}/leave`);
    const row = teacher.getByTestId('leave-row').filter({ hasText: reason });
    await row.waitFor({ timeout: 15_000 });
    await teacher.screenshot({ path: path.join(SCREENSHOTS, 'response-leave-teacher.png'), fullPage: true });
    await row.getByTestId('leave-approve').click();
    await row.waitFor({ state: 'detached', timeout: 15_000 });

    await parent.reload();
    const after = parent.getByTestId('leave-row').filter({ hasText: reason });
    await after.waitFor({ timeout: 15_000 });
    const status = await after.getByTestId('leave-status').textContent();
    // A short leave needs only the class teacher; a longer one goes on to the next approver.
    expect(['已批准', '审批中']).toContain(status);
    await parent.screenshot({ path: path.join(SCREENSHOTS, 'response-leave-parent-after.png'), fullPage: true });
    await parentContext.close();
    await teacherContext.close();
  }, 120_000);

  it('a parent checks in for their child in home isolation on a phone', async () => {
    const { url, ctx } = running.product;
    const child = await ctx.db.selectFrom('account_children').innerJoin('accounts', 'accounts.id', 'account_children.account_id').innerJoin('persons', 'persons.id', 'account_children.person_id')
      .select(['persons.id', 'persons.name']).where('accounts.username', '=', 'parent').executeTakeFirstOrThrow();
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const doctor = await (await running.browser.newContext(DESKTOP)).newPage();
    await loginThroughForm(doctor, url, 'doctor', DEMO_PASSWORD);
    const me = (await (await doctor.request.get(`${url}/api/me`)).json()) as { csrfToken: string };
    const order = await doctor.request.post(`${url}/api/isolations`, { headers: { 'x-csrf-token': me.csrfToken }, data: { personId: child.id, disease: 'covid19', role: 'close_contact', kind: 'home', startsOn: today, reason: '家中有确诊病例' } });
    expect([200, 409]).toContain(order.status());
    await doctor.context().close();

    const parentContext = await running.browser.newContext(PHONE);
    const parent = await parentContext.newPage();
    await loginThroughForm(parent, url, 'parent', DEMO_PASSWORD);
    await parent.goto(`${url}/isolation/checkins`);
    const card = parent.getByTestId('isolation-checkin-card').filter({ hasText: child.name });
    await card.waitFor({ timeout: 15_000 });
    const isolation = await ctx.db.selectFrom('isolations').select('id').where('person_id', '=', child.id).where('status', '=', 'active').executeTakeFirstOrThrow();
    await clickAndAwaitApi(parent, card.getByTestId('isolation-checkin-submit'), 'POST', `/api/isolations/${isolation.id}/checkins`);
    await expect.poll(() => card.textContent()).toContain('今日已打卡');
    await parent.screenshot({ path: path.join(SCREENSHOTS, 'response-isolation-checkin-parent.png'), fullPage: true });
    await parentContext.close();
  });

  it('the county officer sees isolation counts by kind, site and county, and opens one isolation', async () => {
    const { url } = running.product;
    const context = await running.browser.newContext(DESKTOP);
    const page = await context.newPage();
    await loginThroughForm(page, url, 'jinshui', DEMO_PASSWORD);
    await page.goto(`${url}/isolation`);
    await page.getByTestId('isolation-total').waitFor({ timeout: 15_000 });
    const api = (await (await page.request.get(`${url}/api/isolations/counts`)).json()) as { total: number; byKind: Record<string, number> };
    const total = await page.getByTestId('isolation-total').textContent();
    expect(total?.replace(/\D/g, '')).toBe(String(api.total));
    expect(api.total).toBeGreaterThan(0);
    const home = await page.getByTestId('isolation-count-home').textContent();
    expect(home?.replace(/\D/g, '')).toBe(String(api.byKind.home));
    await page.getByTestId('isolation-row').first().waitFor({ timeout: 15_000 });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'response-isolation-county.png'), fullPage: true });
    await page.getByTestId('isolation-row').first().getByRole('link').first().click();
    await page.getByTestId('isolation-detail').waitFor({ timeout: 15_000 });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'response-isolation-detail.png'), fullPage: true });
    await context.close();
  }, 120_000);

  it('the school doctor opens the confirmed case and sees its contacts and the isolation order form', async () => {
    const { url } = running.product;
    const context = await running.browser.newContext(DESKTOP);
    const page = await context.newPage();
    await loginThroughForm(page, url, 'doctor', DEMO_PASSWORD);
    await page.goto(`${url}/cases`);
    await page.getByTestId('case-row').first().getByRole('link').first().click();
    await page.getByTestId('contact-row').first().waitFor({ timeout: 15_000 });
    await page.getByTestId('isolation-order').waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'response-case.png'), fullPage: true });
    await context.close();
  }, 120_000);

  it('the province officer opens the May Day screening campaign and sees its figures and coverage', async () => {
    const { url } = running.product;
    const context = await running.browser.newContext(DESKTOP);
    const page = await context.newPage();
    await loginThroughForm(page, url, 'henan', DEMO_PASSWORD);
    await page.goto(`${url}/screening`);
    await page.getByTestId('screening-campaign').first().getByRole('link').first().click();
    await page.getByTestId('screening-answered').waitFor({ timeout: 15_000 });
    await page.getByTestId('screening-coverage').locator('tbody tr').first().waitFor({ timeout: 15_000 });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'response-screening.png'), fullPage: true });
    await context.close();
  }, 120_000);

  it('the school doctor sees who is due or overdue for a test and enters a negative result', async () => {
    const { url } = running.product;
    const context = await running.browser.newContext(DESKTOP);
    const page = await context.newPage();
    await loginThroughForm(page, url, 'doctor', DEMO_PASSWORD);
    await page.goto(`${url}/testing`);
    await page.getByTestId('testing-due').waitFor({ timeout: 15_000 });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'response-testing.png'), fullPage: true });
    await page.getByTestId('testing-record').first().waitFor({ timeout: 15_000 });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'response-testing.png'), fullPage: true });
    const before = (await (await page.request.get(`${url}/api/testing/due`)).json()) as { items: unknown[] };
    await page.getByTestId('testing-record').first().click();
    await page.getByTestId('test-result-form').waitFor();
    await clickAndAwaitApi(page, page.getByRole('button', { name: /保\s*存/ }), 'POST', '/api/test-results');
    await page.getByTestId('test-result-form').waitFor({ state: 'detached', timeout: 30_000 });
    await expect.poll(async () => ((await (await page.request.get(`${url}/api/testing/due`)).json()) as { items: unknown[] }).items.length).toBeLessThan(before.items.length);
    await context.close();
  }, 120_000);

  it('the school doctor follows a re-entry proposal and the student owes the test', async () => {
    const { url } = running.product;
    const context = await running.browser.newContext(PHONE);
    const page = await context.newPage();
    await loginThroughForm(page, url, 'doctor', DEMO_PASSWORD);
    const pending = (await (await page.request.get(`${url}/api/reentry/proposals`)).json()) as { items: { personId: number; personName: string }[] };
    expect(pending.items).toHaveLength(1);
    const { personId, personName } = pending.items[0];
    const owes = async () => ((await (await page.request.get(`${url}/api/testing/due`)).json()) as { items: { personId: number }[] }).items.some((i) => i.personId === personId);
    expect(await owes()).toBe(false);
    await page.goto(`${url}/reentry`);
    const row = page.getByTestId('reentry-row').filter({ hasText: personName });
    await row.waitFor({ timeout: 30_000 });
    await expect(row.getByTestId('reentry-proposal').textContent()).resolves.toMatch(/^核酸检测：\d{4}-\d{2}-\d{2}$/);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'response-reentry-phone.png'), fullPage: true });
    await row.getByTestId('reentry-order').click();
    await clickAndAwaitApi(page, page.getByRole('button', { name: /确\s*定/ }), 'POST', '/api/reentry/proposals/decide');
    await row.waitFor({ state: 'detached', timeout: 30_000 });
    await page.locator('.ant-segmented-item-label', { hasText: '已处理' }).click();
    const decided = page.getByTestId('reentry-row').filter({ hasText: personName });
    await expect(decided.getByTestId('reentry-outcome').textContent()).resolves.toContain('已下达');
    expect(await owes()).toBe(true);
    await context.close();
  }, 120_000);
});
