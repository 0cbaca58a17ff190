import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/features/demo/seed';
import { DESKTOP, launchBrowser, loginThroughForm, PHONE, SCREENSHOTS, startProduct } from './harness';

const shanghaiDate = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const shot = (name: string) => path.join(SCREENSHOTS, `campus-${name}.png`);

/** Opens an antd Select and picks the option showing `text` (typed first: long lists are virtual). */
async function pick(page: Page, testId: string, text: string, typed?: string) {
  await page.locator(`[data-testid="${testId}"]`).first().click();
  if (typed) await page.keyboard.type(typed);
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: text }).first().click();
}

/** Types a date into an antd DatePicker found by its test id (on the picker or its input). */
async function typeDate(page: Page, testId: string, date: string) {
  const input = page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();
  await input.click();
  await input.fill(date);
  await input.press('Enter');
}

async function getJson<T>(page: Page, url: string): Promise<T> {
  const r = await page.request.get(url);
  expect(r.status(), url).toBe(200);
  return (await r.json()) as T;
}

describe.skipIf(process.env.TEST_BROWSER === 'off')('vaccination, online teaching and footing pages in the browser', () => {
  let product: Awaited<ReturnType<typeof startProduct>>;
  let browser: Browser;
  let schoolId: number;
  beforeAll(async () => {
    product = await startProduct();
    browser = await launchBrowser();
    schoolId = (await product.ctx.db.selectFrom('accounts').select('school_id').where('username', '=', 'doctor').executeTakeFirstOrThrow()).school_id!;
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  });

  it('the school doctor records a certificate check with missing doses on a phone, refers the student, and coverage counts it', async () => {
    const { url, ctx } = product;
    const student = await ctx.db
      .selectFrom('persons as p')
      .innerJoin('classes as c', 'c.id', 'p.class_id')
      .innerJoin('grades as g', 'g.id', 'c.grade_id')
      .select(['p.id', 'p.name', 'p.student_number', 'p.birth_date', 'c.id as class_id', 'c.name as class_name', 'g.name as grade_name'])
      .where('p.school_id', '=', schoolId)
      .where('p.kind', '=', 'student')
      .where('p.birth_date', 'is not', null)
      .orderBy('p.id')
      .executeTakeFirstOrThrow();
    const page = await (await browser.newContext(PHONE)).newPage();
    await loginThroughForm(page, url, 'doctor', DEMO_PASSWORD);
    const before = await getJson<{ school: { checked: number }; classes: { classId: number; checked: number }[] }>(page, `${url}/api/vaccination/coverage?schoolId=${schoolId}`);

    await page.goto(`${url}/vaccination`);
    await pick(page, 'vacc-class', `${student.grade_name}${student.class_name}`);
    await pick(page, 'vacc-student', student.student_number ?? student.name, student.name);
    // A dose before birth: the server refuses it, naming the vaccine, the dose and the field.
    await typeDate(page, 'vacc-dose-BCG-1', addDays(student.birth_date!, -3));
    await typeDate(page, 'vacc-dose-HepB-1', student.birth_date!);
    await page.getByTestId('vacc-submit').click();
    const error = page.getByTestId('vacc-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('卡介苗第1剂');
    expect(await error.textContent()).toContain('接种日期');

    await typeDate(page, 'vacc-dose-BCG-1', student.birth_date!);
    await page.getByTestId('vacc-submit').click();
    const result = page.getByTestId('vacc-result');
    await result.waitFor();
    expect(await result.getAttribute('data-complete')).toBe('false');
    // A school child is past 18 months: both MMR doses are due, and HepB has one of its three.
    await result.locator('[data-code="MMR"][data-missing="2"]').waitFor();
    expect(await result.locator('[data-code="HepB"]').textContent()).toContain('应种3剂，已种1剂，缺2剂');
    expect(await result.locator('[data-code="BCG"]').count()).toBe(0);
    await result.getByTestId('vacc-follow-up-note').fill('已转介社区卫生服务中心补种');
    await result.getByTestId('vacc-refer').click();
    await result.locator('[data-testid="vacc-follow-up-state"][data-value="referred"]').waitFor();
    await page.screenshot({ path: shot('vaccination-check-phone'), fullPage: true });

    await page.getByRole('tab', { name: '接种覆盖' }).click();
    const school = page.getByTestId('vacc-school-coverage');
    await school.waitFor();
    expect(Number(await school.getAttribute('data-checked'))).toBe(before.school.checked + 1);
    const classRow = page.locator(`[data-testid="vacc-class-coverage"] tr[data-class-id="${student.class_id}"]`);
    expect(Number(await classRow.getAttribute('data-checked'))).toBe(before.classes.find((c) => c.classId === student.class_id)!.checked + 1);
    const missing = page.locator(`[data-testid="vacc-missing-item"][data-person-id="${student.id}"]`);
    expect(await missing.getAttribute('data-follow-up')).toBe('referred');
    expect(await missing.textContent()).toContain(student.name);
    expect(await missing.locator('[data-code="MMR"]').textContent()).toContain('缺2剂');
    await page.screenshot({ path: shot('vaccination-coverage-phone'), fullPage: true });
    await page.context().close();
  });

  it('the principal switches the teacher’s class online; the check page says so and the county officer sees the class and its students', async () => {
    const { url, ctx } = product;
    const today = shanghaiDate(new Date());
    const cls = await ctx.db
      .selectFrom('accounts as a')
      .innerJoin('classes as c', 'c.id', 'a.class_id')
      .innerJoin('grades as g', 'g.id', 'c.grade_id')
      .select(['c.id', 'c.name', 'g.name as grade_name'])
      .where('a.username', '=', 'teacher')
      .executeTakeFirstOrThrow();
    const students = Number((await ctx.db.selectFrom('persons').select((eb) => eb.fn.countAll<number>().as('n')).where('class_id', '=', cls.id).where('kind', '=', 'student').where('active', '=', true).executeTakeFirstOrThrow()).n);
    expect(students).toBeGreaterThan(0);

    const principal = await (await browser.newContext(PHONE)).newPage();
    await loginThroughForm(principal, url, 'principal', DEMO_PASSWORD);
    await principal.goto(`${url}/online-teaching`);
    await pick(principal, 'online-scope', `${cls.grade_name}${cls.name}（${students}名学生）`);
    // An end before the start: the server's message lands under the end date.
    await typeDate(principal, 'online-to', addDays(today, -1));
    await principal.getByTestId('online-reason').fill('班级出现聚集性发热，停课观察');
    await principal.getByTestId('online-submit').click();
    await principal.locator('.ant-form-item-explain-error').filter({ hasText: '结束日期不能早于开始日期' }).waitFor();
    await typeDate(principal, 'online-to', addDays(today, 6));
    await principal.getByTestId('online-submit').click();
    const mine = principal.locator(`[data-testid="online-period"][data-scope-type="class"][data-scope-id="${cls.id}"]`);
    await mine.waitFor();
    expect(await mine.getAttribute('data-students')).toBe(String(students));
    expect(await mine.getAttribute('data-active')).toBe('true');
    await principal.screenshot({ path: shot('online-teaching-phone'), fullPage: true });

    const teacher = await (await browser.newContext(PHONE)).newPage();
    await loginThroughForm(teacher, url, 'teacher', DEMO_PASSWORD);
    await teacher.goto(`${url}/checks/classes/${cls.id}`);
    const banner = teacher.getByTestId('check-online-teaching');
    await banner.waitFor();
    expect(await banner.textContent()).toContain(`${today} 至 ${addDays(today, 6)} 线上教学`);

    const county = await (await browser.newContext(DESKTOP)).newPage();
    await loginThroughForm(county, url, 'jinshui', DEMO_PASSWORD);
    await county.goto(`${url}/online-teaching`);
    const coverage = county.getByTestId('online-coverage');
    await coverage.waitFor();
    expect(await coverage.getAttribute('data-classes')).toBe('1');
    expect(await coverage.getAttribute('data-students')).toBe(String(students));
    const seen = county.locator(`[data-testid="online-period"][data-scope-type="class"][data-scope-id="${cls.id}"]`);
    expect(await seen.getAttribute('data-students')).toBe(String(students));
    expect(await seen.getByTestId('online-period-scope').textContent()).toBe(`${cls.grade_name}${cls.name}`);
    await county.screenshot({ path: shot('online-teaching-county'), fullPage: true });

    // Back to the classroom: the period leaves the list and today's coverage.
    await mine.getByTestId('online-end').click();
    await principal.locator('.ant-popconfirm .ant-btn-primary').click();
    await mine.waitFor({ state: 'detached' });
    const after = await getJson<{ totals: { classesOnline: number } }>(county, `${url}/api/online-teaching/coverage?date=${today}`);
    expect(after.totals.classesOnline).toBe(0);
    for (const p of [principal, teacher, county]) await p.context().close();
  });

  it('a confirmed case proposes emergency footing; the county officer approves it, the school runs under it, then the county switches back', async () => {
    const { url } = product;
    const region = (await product.ctx.db.selectFrom('schools').select('region_code').where('id', '=', schoolId).executeTakeFirstOrThrow()).region_code;
    const patient = await product.ctx.db.selectFrom('persons').select('id').where('school_id', '=', schoolId).where('kind', '=', 'student').orderBy('id', 'desc').executeTakeFirstOrThrow();
    const doctor = await (await browser.newContext(PHONE)).newPage();
    await loginThroughForm(doctor, url, 'doctor', DEMO_PASSWORD);
    const me = await getJson<{ csrfToken: string }>(doctor, `${url}/api/me`);
    const made = await doctor.request.post(`${url}/api/cases`, { headers: { 'x-csrf-token': me.csrfToken }, data: { personId: patient.id, disease: 'covid19', status: 'confirmed', foundBy: 'hospital' } });
    expect(made.status()).toBe(200);

    const county = await (await browser.newContext(DESKTOP)).newPage();
    await loginThroughForm(county, url, 'jinshui', DEMO_PASSWORD);
    // The trigger runs after the case commits.
    await expect.poll(async () => (await getJson<{ proposals: unknown[] }>(county, `${url}/api/footing?regionCode=${region}`)).proposals.length).toBe(1);
    await county.goto(`${url}/footing`);
    expect(await county.getByTestId('footing-mode').getAttribute('data-mode')).toBe('normal');
    const proposal = county.getByTestId('footing-proposal');
    expect(await proposal.textContent()).toContain('确诊病例');
    await proposal.getByTestId('footing-approve').click();
    expect(await county.getByTestId('footing-decide-error').textContent()).toContain('理由');
    await proposal.getByTestId('footing-decide-reason').fill('专班研判，同意转入应急');
    await proposal.getByTestId('footing-approve').click();
    await county.locator('[data-testid="footing-mode"][data-mode="emergency"]').waitFor();
    await county.locator('[data-testid="footing-overview"] [data-testid="footing-overview-mode"][data-mode="emergency"]').waitFor();
    expect(await county.getByTestId('footing-history').textContent()).toContain('生效中');
    await county.screenshot({ path: shot('footing-county'), fullPage: true });

    // The school doctor reads the footing the school runs under, without the switch.
    await doctor.goto(`${url}/footing`);
    await doctor.locator('[data-testid="footing-effective"][data-mode="emergency"]').waitFor();
    expect(await doctor.getByTestId('footing-switch').count()).toBe(0);
    expect(await doctor.getByTestId('footing-detail').textContent()).toContain('晨检、午检、晚检');
    await doctor.screenshot({ path: shot('footing-school-phone'), fullPage: true });

    await county.getByTestId('footing-switch-reason').fill('连续14天无新增病例');
    await county.getByTestId('footing-switch').click();
    await county.locator('[data-testid="footing-mode"][data-mode="normal"]').waitFor();
    const back = await getJson<{ mode: string; history: { mode: string; status: string }[] }>(county, `${url}/api/footing?regionCode=${region}`);
    expect(back.mode).toBe('normal');
    expect(back.history.map((h) => `${h.mode}:${h.status}`)).toEqual(['normal:in_force', 'emergency:superseded']);
    for (const p of [doctor, county]) await p.context().close();
  });
});
