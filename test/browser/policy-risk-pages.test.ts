import path from 'node:path';
import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/features/demo/seed';
import { DESKTOP, loginThroughForm, productAndBrowser, SCREENSHOTS } from './harness';

/** How long a page may take to show what the server saved (the machine is shared; PGlite runs in-process). */
const SETTLE = { timeout: 30_000 };
const shot = (name: string) => path.join(SCREENSHOTS, `policy-risk-${name}.png`);
/** A school date in Asia/Shanghai, `n` days from today (the server's school calendar). */
const schoolDay = (n: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + n * 86_400_000));

/** Types a date into an antd DatePicker found by its form id and confirms it. */
async function pickDate(page: Page, id: string, date: string) {
  const input = page.locator(`#${id}`);
  await input.click();
  await input.fill(date);
  await input.press('Enter');
}

describe.skipIf(process.env.TEST_BROWSER === 'off')('disease policies, risk status and checklists in the browser', () => {
  const running = productAndBrowser();

  it('the city officer amends varicella’s return criterion; an out-of-range value is refused naming the field', async () => {
    const page = await (await running.browser.newContext(DESKTOP)).newPage();
    await loginThroughForm(page, running.product.url, 'zhengzhou', DEMO_PASSWORD);
    await page.getByTestId('app-menu').first().getByText('防控策略').click();
    await expect.poll(() => page.getByTestId('policy-return-varicella').textContent(), SETTLE).toBe('14 天');
    await page.getByTestId('policy-row-varicella').getByRole('link').click();
    await page.getByTestId('policy-edit').click();

    // 400 days is beyond the schema's 365: the server refuses and the page names the field.
    await page.locator('#rules_returnMinDaysFromOnset').fill('400');
    await page.getByTestId('policy-note').fill('市疾控建议延长复课观察期');
    await page.getByTestId('policy-save').click();
    await expect.poll(() => page.getByTestId('policy-refused').textContent(), SETTLE).toContain('复课最短天数（自发病日起）');
    expect(await page.getByTestId('policy-refused').textContent()).toContain('365');
    const fieldError = page.locator('.ant-form-item-has-error').filter({ has: page.locator('#rules_returnMinDaysFromOnset') });
    expect(await fieldError.locator('.ant-form-item-explain-error').textContent()).toContain('365');
    const edited = () => running.product.ctx.db.selectFrom('disease_policies').select(['version', 'rules', 'note']).where('disease', '=', 'varicella').where('region_code', '=', '410100').execute();
    expect(await edited()).toHaveLength(0);
    await page.screenshot({ path: shot('policy-refused'), fullPage: true });

    // A fresh form for the valid value: the refusal above is what this step had to show.
    await page.reload();
    await page.getByTestId('policy-edit').click();
    await page.locator('#rules_returnMinDaysFromOnset').fill('21');
    await page.getByTestId('policy-note').fill('市疾控建议延长复课观察期');
    await page.getByTestId('policy-save').click();
    await expect.poll(() => page.getByTestId('policy-return-days').textContent(), SETTLE).toBe('21 天');
    expect(await page.getByTestId('policy-version').textContent()).toBe('第 1 版');
    const history = page.getByTestId('policy-versions').locator('tbody tr').filter({ hasText: '郑州市' });
    expect(await history.textContent()).toContain('郑州市教育局 督导科');
    expect(await history.textContent()).toContain('市疾控建议延长复课观察期');
    const rows = await edited();
    expect(rows).toHaveLength(1);
    expect((rows[0].rules as { returnMinDaysFromOnset: number }).returnMinDaysFromOnset).toBe(21);
    await page.screenshot({ path: shot('policy-saved'), fullPage: true });

    await page.goto(`${running.product.url}/policies`);
    await expect.poll(() => page.getByTestId('policy-return-varicella').textContent(), SETTLE).toBe('21 天');
    expect(await page.getByTestId('policy-row-varicella').textContent()).toContain('郑州市');
  });

  it('the county officer declares a lockdown area; a student who stayed there turns yellow; an override with a reason shows in the list', async () => {
    const db = running.product.ctx.db;
    const student = await db
      .selectFrom('persons as p')
      .innerJoin('schools as s', 's.id', 'p.school_id')
      .leftJoin('risk_statuses as r', 'r.person_id', 'p.id')
      .select(['p.id', 'p.name'])
      .where('s.region_code', '=', '410105')
      .where('p.kind', '=', 'student')
      .where('r.person_id', 'is', null)
      .orderBy('p.id')
      .limit(1)
      .executeTakeFirstOrThrow();
    const page = await (await running.browser.newContext(DESKTOP)).newPage();
    await loginThroughForm(page, running.product.url, 'jinshui', DEMO_PASSWORD);

    await page.goto(`${running.product.url}/risk-areas`);
    await page.getByTestId('area-region').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '金水区' }).click();
    await page.getByTestId('area-name').fill('燕庄社区');
    await pickDate(page, 'area_startsOn', schoolDay(-5));
    await page.getByTestId('area-declare').click();
    const areaRow = page.locator('[data-testid="area-row"][data-name="燕庄社区"]');
    await expect.poll(() => areaRow.textContent(), SETTLE).toContain('封控区');
    expect(await areaRow.textContent()).toContain(schoolDay(-5));
    await page.screenshot({ path: shot('risk-area'), fullPage: true });

    await page.goto(`${running.product.url}/people/${student.id}`);
    await expect.poll(() => page.getByTestId('person-risk-status').textContent(), SETTLE).toBe('绿码');
    await page.getByTestId('travel-add').click();
    await page.getByTestId('travel-region').click();
    // Each level opens the next; on a busy machine a click can land while the menu still animates,
    // so a level is clicked again until the next one shows (at most 30 s in all).
    const item = (name: string) => page.locator('.ant-cascader-menu-item').filter({ hasText: new RegExp(`^${name}$`) });
    const levels = ['河南省', '郑州市', '金水区'];
    for (const [i, name] of levels.entries()) {
      const next = levels[i + 1];
      for (let attempt = 0; ; attempt++) {
        await item(name).click();
        if (!next || (await item(next).waitFor({ timeout: 5_000 }).then(() => true, () => false))) break;
        if (attempt === 5) throw new Error(`the region picker did not open ${next} under ${name}`);
      }
    }
    await page.getByTestId('travel-place').fill('燕庄社区3号院');
    await pickDate(page, 'travel_fromDate', schoolDay(-3));
    await pickDate(page, 'travel_toDate', schoolDay(-1));
    await page.getByTestId('travel-save').click();
    await expect.poll(() => page.getByTestId('person-risk-status').textContent(), SETTLE).toBe('黄码');
    expect(await page.getByTestId('person-risk-reasons').textContent()).toContain('到过封控区：燕庄社区');
    await expect.poll(() => page.getByTestId('person-travel').textContent(), SETTLE).toContain('燕庄社区3号院');
    expect(await page.getByTestId('person-travel').textContent()).toContain('郑州市金水区');

    const reason = '与确诊病例同乘公交，疾控要求按红码管理';
    await page.getByTestId('override-open').click();
    await page.getByTestId('override-status').click();
    // The open dropdown only: others (the travel region picker's) may still be in the page, hidden.
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: '红码' }).click();
    await expect.poll(() => page.getByTestId('override-status').textContent(), SETTLE).toContain('红码');
    await page.getByTestId('override-reason').fill(reason);
    await page.getByTestId('override-save').click();
    await expect
      .poll(() => page.getByTestId('person-risk-status').textContent(), SETTLE)
      .toBe('红码')
      .catch(async (e) => {
        throw new Error(`status did not turn red; messages on the page: ${JSON.stringify(await page.locator('.ant-message-notice, .ant-form-item-explain-error').allTextContents())}; ${e}`);
      });
    expect(await page.getByTestId('person-risk-override').textContent()).toBe(reason);
    expect(await page.getByTestId('person-risk-history').textContent()).toContain(reason);
    await page.screenshot({ path: shot('person-risk'), fullPage: true });
    const stored = await db.selectFrom('risk_statuses').select(['status', 'computed_status', 'override_reason']).where('person_id', '=', student.id).executeTakeFirstOrThrow();
    expect(stored).toEqual({ status: 'red', computed_status: 'yellow', override_reason: reason });

    await page.goto(`${running.product.url}/risk`);
    const row = page.getByTestId(`risk-row-${student.id}`);
    await expect.poll(() => row.textContent(), SETTLE).toContain(student.name);
    expect(await row.textContent()).toContain('红码');
    expect(await row.textContent()).toContain('人工调整');
    expect(await row.textContent()).toContain('到过封控区：燕庄社区');
    await page.screenshot({ path: shot('risk-list'), fullPage: true });
  });

  it('the county officer creates a checklist, is refused a bad item key naming the item, publishes version 2 and sees its items', async () => {
    const page = await (await running.browser.newContext(DESKTOP)).newPage();
    await loginThroughForm(page, running.product.url, 'jinshui', DEMO_PASSWORD);
    await page.goto(`${running.product.url}/checklists`);
    await expect.poll(() => page.getByTestId('checklist-row-guidance').textContent(), SETTLE).toContain('第 1 版');

    await page.getByTestId('checklist-new').click();
    await page.getByTestId('checklist-key').fill('jinshui-weekly');
    await page.getByTestId('checklist-name').fill('金水区每周校园防控检查');
    await page.getByTestId('item-key-0').fill('morning_check');
    await page.getByTestId('item-section-0').fill('日常监测');
    await page.getByTestId('item-title-0').fill('晨午检按时上报');
    await page.getByTestId('item-evidence-0').fill('晨午检登记表');
    await page.getByTestId('checklist-submit').click();
    await expect.poll(() => page.getByTestId('checklist-version').textContent(), SETTLE).toBe('第 1 版');

    await page.getByTestId('checklist-publish-open').click();
    await page.getByTestId('checklist-note').fill('增加通风检查');
    await page.getByTestId('item-add').click();
    await page.getByTestId('item-key-1').fill('Ventilation Log');
    await page.getByTestId('item-section-1').fill('环境卫生');
    await page.getByTestId('item-title-1').fill('教室每日通风不少于3次');
    await page.getByTestId('item-evidence-1').fill('通风记录');
    await page.locator('#items_1_weight').fill('2');
    await page.getByTestId('checklist-submit').click();
    await expect.poll(() => page.getByTestId('checklist-refused').textContent(), SETTLE).toContain('第 2 项 · 编号');
    const template = await running.product.ctx.db.selectFrom('checklist_templates').select('id').where('key', '=', 'jinshui-weekly').executeTakeFirstOrThrow();
    const versions = () => running.product.ctx.db.selectFrom('checklist_versions').select(['version', 'note', sql<number>`jsonb_array_length(items)`.as('n')]).where('template_id', '=', template.id).orderBy('version').execute();
    expect(await versions()).toHaveLength(1);

    await page.getByTestId('item-key-1').fill('ventilation_log');
    await page.getByTestId('checklist-submit').click();
    await expect.poll(() => page.getByTestId('checklist-version').textContent(), SETTLE).toBe('第 2 版');
    expect(await page.getByTestId('checklist-version-note').textContent()).toContain('增加通风检查');
    expect(await page.getByTestId('version-item-morning_check').textContent()).toContain('晨午检按时上报');
    const added = await page.getByTestId('version-item-ventilation_log').textContent();
    expect(added).toContain('教室每日通风不少于3次');
    expect(added).toContain('环境卫生');
    expect(added).toContain('通风记录');
    expect((await versions()).map((v) => [v.version, v.note, Number(v.n)])).toEqual([[1, '', 1], [2, '增加通风检查', 2]]);
    await page.screenshot({ path: shot('checklist-version'), fullPage: true });

    await page.goto(`${running.product.url}/checklists`);
    await expect.poll(() => page.getByTestId('checklist-row-jinshui-weekly').textContent(), SETTLE).toContain('第 2 版');

    // An inspection links to the checklist version it is answered against.
    const inspection = await running.product.ctx.db
      .selectFrom('inspections as i')
      .innerJoin('schools as s', 's.id', 'i.school_id')
      .innerJoin('checklist_versions as v', 'v.id', 'i.checklist_version_id')
      .select(['i.id', 'v.version'])
      .where('s.region_code', '=', '410105')
      .orderBy('i.id')
      .executeTakeFirstOrThrow();
    await page.goto(`${running.product.url}/inspections/${inspection.id}`);
    await page.getByTestId('inspection-checklist').click();
    await expect.poll(() => page.getByTestId('checklist-version').textContent(), SETTLE).toBe(`第 ${inspection.version} 版`);
    expect(await page.getByTestId('checklist-version-items').locator('tbody tr').count()).toBeGreaterThan(10);
  });
});
