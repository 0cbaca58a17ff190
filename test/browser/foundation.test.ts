import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../src/domain/people/id-number';
import { DEMO_PASSWORD } from '../../src/features/demo/seed';
import { DESKTOP, loginThroughForm, PHONE, productAndBrowser, SCREENSHOTS } from './harness';

describe.skipIf(process.env.TEST_BROWSER === 'off')('the web app in Chromium (foundation)', () => {
  const running = productAndBrowser();

  it('a class teacher logs in on a phone and sees only the own class', async () => {
    const db = running.product.ctx.db;
    const teacher = await db.selectFrom('accounts').select(['class_id']).where('username', '=', 'teacher').executeTakeFirstOrThrow();
    const own = await db.selectFrom('persons').select('name').where('class_id', '=', teacher.class_id).where('kind', '=', 'student').execute();
    const others = await db.selectFrom('persons').select('name').where('class_id', '!=', teacher.class_id!).where('kind', '=', 'student').limit(400).execute();
    const ownNames = new Set(own.map((p) => p.name));
    const foreign = others.map((p) => p.name).filter((n) => !ownNames.has(n));

    const context = await running.browser.newContext(PHONE);
    const page = await context.newPage();
    await loginThroughForm(page, running.product.url, 'teacher', DEMO_PASSWORD);
    await expect.poll(() => page.getByTestId('home-scope').textContent()).toContain('一年级1班');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'teacher-phone-home.png') });
    await page.goto(`${running.product.url}/people?kind=student`);
    await page.getByTestId('people-row').first().waitFor();
    const text = (await page.locator('body').innerText()).replace(/\s+/g, ' ');
    const shown = own.filter((p) => text.includes(p.name));
    expect(shown.length).toBeGreaterThan(0);
    for (const name of foreign.slice(0, 200)) expect(text.includes(name), `${name} from another class is visible`).toBe(false);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'teacher-phone-people.png') });
    await context.close();
  }, 120_000);

  it('a county officer sees the schools of the county and none of another county', async () => {
    const context = await running.browser.newContext(DESKTOP);
    const page = await context.newPage();
    await loginThroughForm(page, running.product.url, 'jinshui', DEMO_PASSWORD);
    await page.goto(`${running.product.url}/structure`);
    await page.getByTestId('region-tree').waitFor();
    const db = running.product.ctx.db;
    const inside = await db.selectFrom('schools').select('name').where('region_code', '=', '410105').execute();
    const outside = await db.selectFrom('schools').select('name').where('region_code', '!=', '410105').execute();
    await page.getByText(inside[0].name).first().waitFor();
    const text = await page.locator('body').innerText();
    for (const s of inside) expect(text).toContain(s.name);
    for (const s of outside) expect(text).not.toContain(s.name);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'county-structure.png') });
    await context.close();
  }, 120_000);

  it('a roster with two bad rows is rejected with both rows named, and nothing is imported', async () => {
    const db = running.product.ctx.db;
    const school = await db.selectFrom('accounts').innerJoin('schools', 'schools.id', 'accounts.school_id').select(['schools.id']).where('username', '=', 'principal').executeTakeFirstOrThrow();
    const cls = await db.selectFrom('classes').innerJoin('grades', 'grades.id', 'classes.grade_id').select(['grades.name as grade', 'classes.name']).where('classes.school_id', '=', school.id).executeTakeFirstOrThrow();
    const good = (i: number) => {
      const id = makeIdNumber('410105', '2019-05-0' + (1 + i), 500 + i, i % 2 ? 'male' : 'female');
      return `新生${i},,,${id},G${id},${cls.grade},${cls.name},,,王家长,父亲,1380000000${i}`;
    };
    const badCheckDigit = `错号,,,410105201905010011,GX1,${cls.grade},${cls.name},,,,,`;
    const badClass = `无班,,,${makeIdNumber('410105', '2019-06-01', 700, 'male')},GX2,${cls.grade},99班,,,,,`;
    const csv = ['姓名,性别,出生日期,身份证号,学籍号,年级,班级,宿舍楼,宿舍号,监护人姓名,监护人关系,监护人电话', good(1), badCheckDigit, good(2), badClass, good(3)].join('\n');
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'roster-')), '新生名单.csv');
    writeFileSync(file, `\ufeff${csv}`);
    const before = await db.selectFrom('persons').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();

    const context = await running.browser.newContext(DESKTOP);
    const page = await context.newPage();
    await loginThroughForm(page, running.product.url, 'principal', DEMO_PASSWORD);
    await page.goto(`${running.product.url}/roster`);
    await page.getByTestId('roster-upload-input').setInputFiles(file);
    const table = page.getByTestId('roster-row-errors');
    await table.waitFor({ timeout: 30_000 });
    const text = await table.innerText();
    expect(text).toContain('3'); // the bad check digit on spreadsheet row 3 (row 1 is the header)
    expect(text).toContain('5'); // the unknown class on row 5
    expect(text).toContain('身份证号');
    expect(text).toContain('班级');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'roster-rejected.png') });
    const after = await db.selectFrom('persons').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    await context.close();
  }, 120_000);
});
