import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { signFields } from '../../src/domain/venue-codes/signed-token';
import { DEMO_PASSWORD } from '../../src/features/demo/seed';
import { linkKey } from '../../src/features/screening/service';
import { DESKTOP, loginThroughForm, PHONE, productAndBrowser, SCREENSHOTS } from './harness';

const shanghaiDate = (offsetDays: number) => new Date(Date.now() + 8 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOTS, name), fullPage: true });
/** A figure of an antd Statistic, as the officer reads it. */
const figure = async (page: Page, testId: string) => Number((await page.getByTestId(testId).locator('.ant-statistic-content').textContent())?.replace(/[^\d.]/g, ''));

describe.skipIf(process.env.TEST_BROWSER === 'off')('a parent\'s screening link in the browser', () => {
  const running = productAndBrowser({ freshOnRetry: true });

  it('a parent answers a screening link on a phone and the county\'s coverage moves', async () => {
    const { url, ctx } = running.product;
    const name = '金水区春季返校健康摸排';
    const mine = await ctx.db
      .selectFrom('accounts as a')
      .innerJoin('classes as c', 'c.id', 'a.class_id')
      .innerJoin('grades as g', 'g.id', 'c.grade_id')
      .innerJoin('schools as s', 's.id', 'a.school_id')
      .select(['s.name as school', 'g.name as grade', 'c.name as klass'])
      .where('a.username', '=', 'teacher')
      .executeTakeFirstOrThrow();
    /** The campaign page drilled down to the teacher's school, by class: the teacher's class row. */
    const openClassCoverage = async (page: Page) => {
      const table = page.getByTestId('screening-coverage');
      await table.getByText(mine.school, { exact: true }).click();
      const row = table.locator('tbody tr').filter({ has: page.getByText(`${mine.grade}${mine.klass}`, { exact: true }) });
      await row.waitFor({ timeout: 15_000 });
      return row;
    };
    const rowFigures = async (row: Locator) => Promise.all([1, 2].map(async (i) => Number(await row.locator('td').nth(i).textContent())));

    // The county officer starts a campaign for the county and reads the coverage before any answer.
    const officerContext = await running.browser.newContext(DESKTOP);
    const officer = await officerContext.newPage();
    await loginThroughForm(officer, url, 'jinshui', DEMO_PASSWORD);
    await officer.goto(`${url}/screening`);
    await officer.getByTestId('screening-create').click();
    await officer.getByTestId('screening-new-name').fill(name);
    await officer.getByTestId('screening-new-submit').click();
    await officer.waitForURL(/\/screening\/\d+$/, { timeout: 15_000 });
    const campaignId = Number(new URL(officer.url()).pathname.split('/').pop());
    await officer.getByTestId('screening-answered').waitFor({ timeout: 15_000 });
    const populationBefore = await figure(officer, 'screening-population');
    const answeredBefore = await figure(officer, 'screening-answered');
    const percentBefore = await figure(officer, 'screening-percent');
    expect(populationBefore).toBeGreaterThan(0);
    expect(answeredBefore).toBe(0);
    expect(percentBefore).toBe(0);
    // One answer in a whole county is a fraction of a percent, so the class's own row is where coverage visibly moves.
    const classRow = await openClassCoverage(officer);
    const [classPopulation, classAnsweredBefore] = await rowFigures(classRow);
    expect(classPopulation).toBeGreaterThan(1);
    expect(classAnsweredBefore).toBe(0);
    await expect(classRow.locator('td').nth(3).textContent()).resolves.toBe('0%');
    await shot(officer, 'screening-public-county-before.png');

    // The class teacher takes one parent's link from the campaign page.
    const teacherContext = await running.browser.newContext(DESKTOP);
    const teacher = await teacherContext.newPage();
    await loginThroughForm(teacher, url, 'teacher', DEMO_PASSWORD);
    await teacher.goto(`${url}/screening`);
    await teacher.getByTestId('screening-campaign').filter({ hasText: name }).getByRole('link').first().click();
    const row = teacher.locator('[data-testid="screening-link-row"][data-answered="false"]').first();
    await row.waitFor({ timeout: 15_000 });
    const studentId = Number(await row.getAttribute('data-person-id'));
    const href = await row.getByTestId('screening-link').getAttribute('href');
    expect(href).toMatch(/^\/s\/[^/]+$/);
    await shot(teacher, 'screening-public-teacher-links.png');

    // The parent's phone: no login, no session cookie, no detour through the login form.
    const parentContext = await running.browser.newContext(PHONE);
    const parent = await parentContext.newPage();
    await parent.goto(`${url}${href}`);
    await parent.getByTestId('public-campaign-title').waitFor({ timeout: 15_000 });
    expect(new URL(parent.url()).pathname).toBe(href);
    expect(await parent.getByTestId('login-username').count()).toBe(0);
    expect(await parentContext.cookies()).not.toContainEqual(expect.objectContaining({ name: 'cg_session' }));
    await expect(parent.getByTestId('public-campaign-title').textContent()).resolves.toBe(name);
    await expect(parent.getByTestId('public-heading').textContent()).resolves.toBe('健康情况摸排');
    const person = parent.getByTestId('public-person');
    await expect(person.count()).resolves.toBe(1);
    await expect(person.getAttribute('data-person-id')).resolves.toBe(String(studentId));
    await expect(person.getAttribute('data-answered')).resolves.toBe('false');

    // The English switch the rest of the app has.
    await parent.getByTestId('language-switch').getByText('EN').click();
    await expect(parent.getByTestId('public-heading').textContent()).resolves.toBe('Health screening');
    await parent.getByTestId('language-switch').getByText('中文').click();
    await expect(parent.getByTestId('public-heading').textContent()).resolves.toBe('健康情况摸排');

    // A trip that starts in the future: the server refuses it and the page names the field.
    await parent.getByTestId('public-returned-yes').click();
    await parent.getByTestId('public-add-stay').click();
    const stay = parent.getByTestId('public-stay').first();
    await stay.locator('.ant-select').first().click();
    await parent.locator('.ant-cascader-menu-item').filter({ hasText: /^郑州市$/ }).click();
    await parent.locator('.ant-cascader-menu-item').filter({ hasText: /^金水区$/ }).click();
    await stay.getByTestId('public-stay-place').fill('花园路街道');
    await stay.getByTestId('public-stay-from').fill(shanghaiDate(2));
    await stay.getByTestId('public-stay-to').fill(shanghaiDate(3));
    await parent.getByTestId('public-risk-no').click();
    await parent.getByTestId('public-submit').click();
    const error = parent.getByTestId('public-answer-error');
    await error.waitFor({ timeout: 15_000 }).catch(async (e) => {
      await shot(parent, 'screening-public-parent-failed.png');
      throw e;
    });
    await expect(error.textContent()).resolves.toContain('外出行程 1 · 到达日期：行程日期有误');
    await shot(parent, 'screening-public-parent-error.png');

    // Corrected, sent, confirmed.
    await stay.getByTestId('public-stay-from').fill(shanghaiDate(-4));
    await stay.getByTestId('public-stay-to').fill(shanghaiDate(-2));
    await parent.getByTestId('public-symptom-cough').click();
    await parent.getByTestId('public-submit').click();
    await parent.getByTestId('public-answer-done').waitFor({ timeout: 15_000 });
    await expect(parent.getByTestId('public-answer-done').getAttribute('data-person-id')).resolves.toBe(String(studentId));
    await expect(person.getAttribute('data-answered')).resolves.toBe('true');
    await shot(parent, 'screening-public-parent-done.png');

    // Sent again (a changed answer, or a double tap after a lost reply): still one answer.
    await parent.getByTestId('public-edit').click();
    await parent.getByTestId('public-submit').click();
    await parent.getByTestId('public-answer-done').waitFor({ timeout: 15_000 });

    // A forged link is refused with the server's words, not sent to the login page.
    await parent.goto(`${url}${href!.slice(0, -3)}xyz`);
    const refused = parent.getByTestId('public-link-error');
    await refused.waitFor({ timeout: 15_000 });
    await expect(refused.getAttribute('data-code')).resolves.toBe('screening.link_invalid');
    await expect(refused.textContent()).resolves.toContain('链接无效');
    expect(await parent.getByTestId('login-username').count()).toBe(0);

    // A genuine link whose last day has passed (signed here as the server signs them) says so.
    const expiredToken = signFields(linkKey(ctx.cipher), 'sc', [String(campaignId), String(studentId), shanghaiDate(-1).replaceAll('-', '')]);
    await parent.goto(`${url}/s/${expiredToken}`);
    await refused.waitFor({ timeout: 15_000 });
    await expect(refused.getAttribute('data-code')).resolves.toBe('screening.link_expired');
    await expect(refused.textContent()).resolves.toContain('链接已过期');
    await shot(parent, 'screening-public-parent-expired.png');

    // The county's figures: one more answered (not two), the same population, a higher coverage.
    await officer.reload();
    await officer.getByTestId('screening-answered').waitFor({ timeout: 15_000 });
    expect(await figure(officer, 'screening-answered')).toBe(answeredBefore + 1);
    expect(await figure(officer, 'screening-population')).toBe(populationBefore);
    const api = (await (await officer.request.get(`${url}/api/screening/campaigns/${campaignId}/summary`)).json()) as { answered: number; percent: number };
    expect(api.answered).toBe(1);
    // One answer in a county rounds to 0.0 %: the page says "<0.1" rather than a coverage of nothing.
    const shown = await officer.getByTestId('screening-percent').locator('.ant-statistic-content').textContent();
    if (api.percent === 0) expect(shown).toContain('<0.1');
    else expect(await figure(officer, 'screening-percent')).toBeCloseTo(api.percent, 1);
    const classAfter = await openClassCoverage(officer);
    const [classPopulationAfter, classAnsweredAfter] = await rowFigures(classAfter);
    expect(classPopulationAfter).toBe(classPopulation);
    expect(classAnsweredAfter).toBe(1);
    const expected = Math.round(1000 / classPopulation) / 10;
    await expect(classAfter.locator('td').nth(3).textContent()).resolves.toBe(`${expected}%`);
    await shot(officer, 'screening-public-county-after.png');

    // The teacher's list shows the child answered.
    await teacher.reload();
    await expect(teacher.locator(`[data-testid="screening-link-row"][data-person-id="${studentId}"]`).getAttribute('data-answered')).resolves.toBe('true');

    await parentContext.close();
    await teacherContext.close();
    await officerContext.close();
  }, 180_000);
});
