import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/features/demo/seed';
import { DESKTOP, loginThroughForm, PHONE, productAndBrowser, SCREENSHOTS } from './harness';

interface Form {
  schoolDay: boolean;
  roster: { personId: number; name: string; status: string }[];
  check: { version: number; counts: { absentIll: number } } | null;
}
interface RegionDashboard {
  date: string;
  today: { absentIll: number; classesReported: number } | null;
}

const shanghaiDate = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
const daysBefore = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
const getJson = async <T,>(page: Page, url: string): Promise<T> => {
  const r = await page.request.get(url);
  expect(r.status(), url).toBe(200);
  return (await r.json()) as T;
};

describe.skipIf(process.env.TEST_BROWSER === 'off')('class checks in the browser', () => {
  const running = productAndBrowser();

  it('a teacher reports two exceptions on a phone, the school doctor follows up, the county officer sees the figures change', async () => {
    const { url, ctx } = running.product;
    const teacherAccount = await ctx.db.selectFrom('accounts').select(['class_id']).where('username', '=', 'teacher').executeTakeFirstOrThrow();
    const classId = teacherAccount.class_id!;

    const teacherContext = await running.browser.newContext(PHONE);
    const teacher = await teacherContext.newPage();
    await loginThroughForm(teacher, url, 'teacher', DEMO_PASSWORD);
    // The latest school day (the machine's today may be a weekend or a holiday).
    let date = '';
    let form: Form | null = null;
    for (let back = 0; back < 14 && !form; back++) {
      const candidate = daysBefore(shanghaiDate(new Date()), back);
      const f = await getJson<Form>(teacher, `${url}/api/checks/classes/${classId}/form?date=${candidate}&session=morning`);
      if (f.schoolDay) {
        date = candidate;
        form = f;
      }
    }
    expect(form, 'a school day in the last two weeks').not.toBeNull();
    const [ill, away] = form!.roster.filter((p) => p.status === 'present');

    // The county officer's figure for that day before the teacher reports.
    const officerContext = await running.browser.newContext(DESKTOP);
    const officer = await officerContext.newPage();
    await loginThroughForm(officer, url, 'jinshui', DEMO_PASSWORD);
    const before = await getJson<RegionDashboard>(officer, `${url}/api/dashboards/region?date=${date}`);
    const illBefore = before.today?.absentIll ?? 0;

    // The teacher's phone page: everyone present by default; tap two students.
    await teacher.goto(`${url}/checks/classes/${classId}?date=${date}&session=morning`);
    await teacher.getByTestId('check-roster').waitFor().catch(async (err) => {
      await teacher.screenshot({ path: path.join(SCREENSHOTS, 'checks-teacher-phone-failed.png'), fullPage: true });
      throw err;
    });
    await teacher.locator(`[data-testid="check-student"][data-person-id="${ill.personId}"]`).waitFor();
    await teacher.screenshot({ path: path.join(SCREENSHOTS, 'checks-teacher-phone-roster.png'), fullPage: true });
    await teacher.locator(`[data-testid="check-student"][data-person-id="${ill.personId}"]`).click();
    await teacher.getByTestId('check-status-absent_ill').click();
    await teacher.getByTestId('check-symptom-fever').click();
    await teacher.getByTestId('check-temperature').locator('input').fill('38.6');
    await teacher.getByTestId('check-symptom-cough').click();
    await teacher.screenshot({ path: path.join(SCREENSHOTS, 'checks-teacher-phone-student.png') });
    await teacher.getByTestId('check-save-student').click();
    await teacher.locator(`[data-testid="check-student"][data-person-id="${away.personId}"]`).click();
    await teacher.getByTestId('check-status-absent_other').click();
    await teacher.getByTestId('check-save-student').click();
    await expect.poll(() => teacher.locator(`[data-testid="check-student"][data-person-id="${ill.personId}"]`).getAttribute('data-status')).toBe('absent_ill');
    await expect.poll(() => teacher.locator(`[data-testid="check-student"][data-person-id="${away.personId}"]`).getAttribute('data-status')).toBe('absent_other');
    await teacher.getByTestId('check-submit').click();
    await teacher.locator('[data-testid="check-result"][data-kind="sent"]').waitFor({ state: 'attached', timeout: 20_000 });
    await teacher.getByTestId('check-stored').waitFor({ state: 'attached' });
    await teacher.screenshot({ path: path.join(SCREENSHOTS, 'checks-teacher-phone-submitted.png'), fullPage: true });
    expect(await teacher.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.viewport.width);
    const stored = await getJson<Form>(teacher, `${url}/api/checks/classes/${classId}/form?date=${date}&session=morning`);
    expect(stored.roster.find((r) => r.personId === ill.personId)?.status).toBe('absent_ill');
    expect(stored.roster.find((r) => r.personId === away.personId)?.status).toBe('absent_other');
    // The check counts the ill child, and also any classmate already known to be absent that day
    // (isolation, an illness continuing from before): the demo data has some on certain days.
    const illAdded = stored.check!.counts.absentIll - (form!.check?.counts.absentIll ?? 0);
    expect(illAdded).toBeGreaterThanOrEqual(1);

    // The school doctor finds the ill child in the follow-up queue, records the cause and checks the return certificate.
    const doctorContext = await running.browser.newContext(DESKTOP);
    const doctor = await doctorContext.newPage();
    await loginThroughForm(doctor, url, 'doctor', DEMO_PASSWORD);
    await doctor.goto(`${url}/absences`);
    await doctor.getByTestId('followup-queue').waitFor();
    const row = doctor.locator('[data-testid="followup-row"]', { hasText: ill.name });
    await row.waitFor({ timeout: 20_000 });
    await doctor.screenshot({ path: path.join(SCREENSHOTS, 'checks-doctor-queue.png'), fullPage: true });
    await row.getByTestId('followup-open').click();
    await doctor.getByTestId('episode-page').waitFor();
    await doctor.getByTestId('episode-hospital').fill('郑州市第一人民医院');
    await doctor.getByTestId('episode-diagnosis-text').fill('上呼吸道感染');
    // The diagnosis is picked from the disease list by its Chinese name, not typed as a code.
    await doctor.getByTestId('episode-diagnosis-code').click();
    await doctor.keyboard.type('流行性感冒');
    await doctor.locator('.ant-select-item-option', { hasText: '流行性感冒' }).click();
    await doctor.getByTestId('episode-save').click();
    await doctor.getByTestId('episode-saved').waitFor();
    await expect.poll(async () => (await ctx.db.selectFrom('absence_episodes').select('diagnosis_code').where('person_id', '=', ill.personId).where('status', '=', 'open').executeTakeFirst())?.diagnosis_code).toBe('influenza');
    await doctor.getByTestId('return-hospital').fill('郑州市第一人民医院');
    await doctor.getByTestId('return-check').click();
    const decision = doctor.getByTestId('return-decision');
    await decision.waitFor({ timeout: 20_000 });
    expect(['accepted', 'refused']).toContain(await decision.getAttribute('data-decision'));
    await doctor.screenshot({ path: path.join(SCREENSHOTS, 'checks-doctor-episode.png'), fullPage: true });
    // The cause is known now: the child has left the queue.
    await doctor.goto(`${url}/absences`);
    await doctor.getByTestId('followup-queue').waitFor();
    await expect.poll(() => doctor.locator('[data-testid="followup-row"]', { hasText: ill.name }).count()).toBe(0);

    // The county officer's dashboard shows the check's illness absences added to that day's.
    await officer.goto(`${url}/dashboards/region?date=${date}`);
    await officer.getByTestId('region-today').waitFor({ timeout: 20_000 });
    await expect.poll(async () => Number(await officer.getByTestId('region-absent-ill').textContent())).toBe(illBefore + illAdded);
    await officer.getByTestId('trend-chart').waitFor();
    await officer.screenshot({ path: path.join(SCREENSHOTS, 'checks-county-dashboard.png'), fullPage: true });
  }, 240_000);

  it('the city bureau adjusts a return criterion, refused out of range first, and the school doctor sees it in force', async () => {
    const { url } = running.product;
    const context = await running.browser.newContext(DESKTOP);
    const city = await context.newPage();
    await loginThroughForm(city, url, 'zhengzhou', DEMO_PASSWORD);
    await city.goto(`${url}/absences/criteria`);
    const mumps = city.getByTestId('return-criteria-mumps');
    await mumps.waitFor({ timeout: 15_000 });
    await mumps.getByTestId('return-criteria-edit').click();
    // antd puts the test id on the <input> itself or on its wrapper, depending on the version.
    const days = city.locator('input[data-testid="return-criteria-min-days"], [data-testid="return-criteria-min-days"] input').first();
    await days.fill('400');
    await city.getByRole('button', { name: /保\s*存/ }).click();
    // The refusal quotes the field as the officer sees it, under the field too.
    await expect(city.getByTestId('return-criteria-error').textContent()).resolves.toContain('发病后最少天数');
    await expect(city.locator('.ant-form-item-explain-error').first().textContent()).resolves.toContain('90');
    await days.fill('12');
    await city.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(async () => mumps.getByTestId('min-days').textContent(), { timeout: 15_000 }).toBe('12 天');
    await expect(mumps.textContent()).resolves.toContain('本地调整');
    await context.close();

    const doctorContext = await running.browser.newContext(PHONE);
    const doctor = await doctorContext.newPage();
    await loginThroughForm(doctor, url, 'doctor', DEMO_PASSWORD);
    await doctor.goto(`${url}/absences/criteria`);
    await expect(doctor.getByTestId('return-criteria-mumps').getByTestId('min-days').textContent()).resolves.toBe('12 天');
    await doctorContext.close();
  }, 120_000);
});
