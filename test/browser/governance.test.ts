import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/features/demo/seed';
import { DESKTOP, loginThroughForm, PHONE, productAndBrowser, SCREENSHOTS } from './harness';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const shot = (name: string) => path.join(SCREENSHOTS, `governance-${name}.png`);

describe.skipIf(process.env.TEST_BROWSER === 'off')('governance in the browser', () => {
  const running = productAndBrowser({ freshOnRetry: true });

  it('the county officer runs the weekly draw; an inspector completes a covert visit with a finding; the owner uploads evidence; the inspector closes it', async () => {
    const db = running.product.ctx.db;
    // 1. The county officer publishes the commitment for this week's spot check, then draws.
    const officer = await running.browser.newContext(DESKTOP);
    const desk = await officer.newPage();
    await loginThroughForm(desk, running.product.url, 'jinshui', DEMO_PASSWORD);
    await desk.goto(`${running.product.url}/draws`);
    await desk.getByTestId('draw-create').click();
    await expect.poll(() => desk.getByTestId('draw-status').textContent()).toContain('待抽签');
    await desk.getByTestId('draw-perform').click();
    await expect.poll(() => desk.getByTestId('draw-status').textContent(), { timeout: 15_000 }).toContain('已抽签');
    await expect.poll(async () => (await desk.getByTestId('draw-seed').textContent())?.length ?? 0).toBeGreaterThan(60);
    expect(await desk.getByTestId('draw-selected').locator('tbody tr').count()).toBe(6);
    await desk.screenshot({ path: shot('draw-performed'), fullPage: true });
    const record = (await (await fetch(`${running.product.url}${await desk.getByTestId('draw-record').getAttribute('href')}`)).json()) as { result: { selected: string[] } };
    expect(record.result.selected).toHaveLength(6);

    // 2. On a phone the inspector opens the covert visit planned for today, answers, records a finding, completes.
    const covert = await db.selectFrom('inspections').select('id').where('method', '=', 'covert').where('status', '=', 'planned').executeTakeFirstOrThrow();
    const inspectorCtx = await running.browser.newContext(PHONE);
    const phone = await inspectorCtx.newPage();
    await loginThroughForm(phone, running.product.url, 'jinshui', DEMO_PASSWORD);
    await phone.goto(`${running.product.url}/inspections/${covert.id}`);
    await phone.getByTestId('answer-all-pass').click();
    const firstItem = (await phone.getByTestId('checklist-items').locator('[data-testid^="answer-"]').first().getAttribute('data-testid'))!.slice('answer-'.length);
    await phone.getByTestId(`answer-${firstItem}`).getByText('不符合').click();
    await phone.getByTestId(`note-${firstItem}`).fill('工作方案未按上级要求更新');
    await phone.getByTestId('finding-add').click();
    await phone.getByTestId('finding-title').fill('工作方案未更新');
    await phone.getByTestId('finding-evidence').fill('更新后的工作方案及印发文件');
    await phone.getByTestId('inspection-summary').fill('暗访：工作方案未更新，其余符合。');
    await phone.getByTestId('finding-drafts').scrollIntoViewIfNeeded();
    await phone.screenshot({ path: shot('inspection-phone') });
    await phone.getByTestId('inspection-complete').click();
    await expect.poll(() => phone.getByTestId('inspection-status').textContent(), { timeout: 15_000 }).toBe('已完成');
    await phone.getByTestId('inspection-findings').waitFor();
    await phone.screenshot({ path: shot('inspection-completed'), fullPage: true });
    expect(await phone.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    const finding = await db.selectFrom('findings').select(['id', 'owner_account_id']).where('inspection_id', '=', covert.id).executeTakeFirstOrThrow();

    // 3. The school's owner (the principal, from the grid) uploads evidence from a phone.
    const ownerCtx = await running.browser.newContext(PHONE);
    const owner = await ownerCtx.newPage();
    await loginThroughForm(owner, running.product.url, 'principal', DEMO_PASSWORD);
    await owner.goto(`${running.product.url}/findings?status=mine`);
    await owner.getByTestId('finding-link').filter({ hasText: '工作方案未更新' }).click();
    await owner.getByTestId('evidence-note').fill('已印发新版工作方案');
    await owner.locator('input[type="file"]').setInputFiles({ name: '工作方案.png', mimeType: 'image/png', buffer: PNG });
    await expect.poll(() => owner.getByTestId('finding-status').textContent(), { timeout: 15_000 }).toBe('待复查');
    await owner.screenshot({ path: shot('evidence-uploaded'), fullPage: true });

    // 4. The inspector re-checks and closes it.
    await desk.goto(`${running.product.url}/findings/${finding.id}`);
    await desk.getByTestId('recheck-note').fill('回头看：新版方案已印发，销号');
    await desk.getByTestId('recheck-close').click();
    await expect.poll(() => desk.getByTestId('finding-status').textContent(), { timeout: 15_000 }).toBe('已销号');
    await desk.screenshot({ path: shot('finding-closed'), fullPage: true });
    const row = await db.selectFrom('findings').select(['status', 'closed_by']).where('id', '=', finding.id).executeTakeFirstOrThrow();
    expect(row.status).toBe('closed');

    // The dashboard shows the week's figures and today's duty officer; print and export are offered.
    await desk.goto(`${running.product.url}/governance`);
    await desk.getByTestId('figure-findingsClosed').waitFor();
    expect(await desk.getByTestId('dashboard-duty').locator('tbody tr').count()).toBeGreaterThan(0);
    await desk.screenshot({ path: shot('dashboard'), fullPage: true });
    await desk.emulateMedia({ media: 'print' });
    await desk.screenshot({ path: shot('dashboard-print'), fullPage: true });
  }, 180_000);
});
