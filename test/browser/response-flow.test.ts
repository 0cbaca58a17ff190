import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/features/demo/seed';
import { DESKTOP, loginThroughForm, PHONE, productAndBrowser, SCREENSHOTS } from './harness';

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOTS, name), fullPage: true });
const exact = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

describe.skipIf(process.env.TEST_BROWSER === 'off')('the response chain in the browser', () => {
  const running = productAndBrowser({ freshOnRetry: true });

  it('a confirmed case in a class → contacts proposed and confirmed → isolation orders → the class\'s next check shows them isolated', async () => {
    const { url, ctx } = running.product;
    const teacherAccount = await ctx.db.selectFrom('accounts').select(['class_id']).where('username', '=', 'teacher').executeTakeFirstOrThrow();
    const classId = teacherAccount.class_id!;
    // The demo's own case and contacts use the class's first six pupils; take three others whose names
    // are unique in the class, so each row on the pages is found by its name alone.
    const pupils = await ctx.db.selectFrom('persons').select(['id', 'name', 'student_number']).where('class_id', '=', classId).where('kind', '=', 'student').where('active', '=', true).orderBy('id').execute();
    const unique = pupils.slice(6).filter((p) => pupils.filter((q) => q.name === p.name).length === 1);
    expect(unique.length).toBeGreaterThanOrEqual(3);
    const [patient, first, second] = unique;

    // The class teacher's check page before: the three are expected in class like everyone else.
    const teacherContext = await running.browser.newContext(PHONE);
    const teacher = await teacherContext.newPage();
    await loginThroughForm(teacher, url, 'teacher', DEMO_PASSWORD);
    // The teacher's menu entry for the check leads here (checks feature: /checks/classes/<own class>).
    const checkPage = `${url}/checks/classes/${classId}`;
    const studentRow = (id: number) => teacher.locator(`[data-testid="check-student"][data-person-id="${id}"]`);
    await teacher.goto(checkPage);
    await studentRow(first.id).waitFor({ timeout: 15_000 });
    for (const p of [patient, first, second]) await expect(studentRow(p.id).getAttribute('data-status')).resolves.toBe('present');

    // The school doctor records the confirmed case from the case list.
    const doctorContext = await running.browser.newContext(DESKTOP);
    const doctor = await doctorContext.newPage();
    await loginThroughForm(doctor, url, 'doctor', DEMO_PASSWORD);
    await doctor.goto(`${url}/cases`);
    await doctor.getByTestId('case-record').click();
    const personPicker = doctor.getByTestId('case-new').locator('.ant-select').first();
    await personPicker.click();
    await doctor.keyboard.type(patient.name);
    await doctor.locator('.ant-select-item-option').filter({ hasText: patient.student_number ?? patient.name }).click();
    await doctor.getByTestId('case-new-submit').click();
    await doctor.waitForURL(/\/cases\/\d+$/, { timeout: 15_000 });
    const caseId = Number(new URL(doctor.url()).pathname.split('/').pop());
    const detail = doctor.getByTestId('case-detail');
    await detail.getByText('确诊').waitFor({ timeout: 15_000 });
    await expect(detail.textContent()).resolves.toContain(patient.name);

    // Contacts proposed from the school's structure: the class is among them, waiting for a decision.
    await doctor.getByTestId('contacts-propose').click();
    const contactRow = (name: string) => doctor.getByTestId('contact-row').filter({ has: doctor.locator('td').filter({ hasText: exact(name) }) });
    await contactRow(first.name).waitFor({ timeout: 15_000 });
    const proposed = await doctor.getByTestId('contact-row').count();
    expect(proposed).toBeGreaterThanOrEqual(pupils.length - 1);
    await expect(contactRow(patient.name).count()).resolves.toBe(0);
    for (const p of [first, second]) await expect(contactRow(p.name).textContent()).resolves.toContain('待确认');

    // The doctor confirms two of them, one at a time.
    for (const p of [first, second]) {
      await contactRow(p.name).getByTestId('contact-confirm').click();
      await contactRow(p.name).getByText('已确认').waitFor({ timeout: 15_000 });
    }
    await shot(doctor, 'response-flow-contacts.png');
    const isolatedBefore = await doctor.getByTestId('contact-row').filter({ hasText: '隔离中' }).count();

    // Isolation at home ordered for the confirmed contacts (the policy's period); the COVID-19 policy's
    // own default is a site, which would need one of the county's sites chosen.
    await doctor.getByTestId('isolation-order').locator('.ant-select').first().click();
    await doctor.locator('.ant-select-item-option').filter({ hasText: '居家隔离' }).click();
    await doctor.getByTestId('isolation-order-submit').click();
    await doctor.getByText('已下达 2 人，跳过 0 人（已在隔离）').waitFor({ timeout: 15_000 }).catch(async (e) => {
      await shot(doctor, 'response-flow-isolation-failed.png');
      throw e;
    });
    for (const p of [first, second]) await contactRow(p.name).getByText('隔离中').waitFor({ timeout: 15_000 });
    // The demo case's contacts already in isolation are shown too; exactly the two new ones were added.
    await expect(doctor.getByTestId('contact-row').filter({ hasText: '隔离中' }).count()).resolves.toBe(isolatedBefore + 2);
    await shot(doctor, 'response-flow-isolation.png');
    const orders = await ctx.db.selectFrom('isolations').select(['person_id', 'status']).where('case_id', '=', caseId).orderBy('person_id').execute();
    expect(orders).toEqual([first.id, second.id].sort((a, b) => a - b).map((id) => ({ person_id: id, status: 'active' })));

    // The class teacher's next check: the two are shown isolated, the others as before.
    await teacher.goto(checkPage);
    await studentRow(first.id).waitFor({ timeout: 15_000 });
    for (const p of [first, second]) {
      await expect(studentRow(p.id).getAttribute('data-status')).resolves.toBe('isolated');
      await expect(studentRow(p.id).textContent()).resolves.toContain('隔离中');
    }
    await expect(studentRow(patient.id).getAttribute('data-status')).resolves.toBe('present');
    await shot(teacher, 'response-flow-teacher-check.png');

    await doctorContext.close();
    await teacherContext.close();
  }, 180_000);
});
