// What the boundary does with values that type coercion could bend: false and 0 in nullable fields
// stay false and 0, null stays null, and a refused value's message names every allowed value or type.
// A JSON body is never coerced (a number for a string, "5" for an integer, "true" for a boolean is a 400
// naming the field); the query string and path parameters, strings on the wire, still are.
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AJV_OPTIONS, buildValidator } from '../../src/http/validator';
import { createTestEnv, databases, type TestEnv } from '../harness/context';
import { makeAccount, makeClass, makeSchool, makeStudent } from '../harness/factories';
import { login, type TestSession } from '../harness/session';

describe.each(databases())('nullable and literal fields at the boundary on %s', (kind) => {
  let env: TestEnv;
  let teacher: TestSession;
  let doctor: TestSession;
  let schoolId: number;
  let classId: number;
  let students: number[];
  let n = 0;
  const submit = (body: object, lang = 'en') => teacher.request('POST', `/api/checks/classes/${classId}`, body, { 'idempotency-key': `val-${kind}-${++n}`, 'accept-language': lang });

  beforeAll(async () => {
    env = await createTestEnv(kind);
    schoolId = (await makeSchool(env.ctx)).id;
    classId = (await makeClass(env.ctx, { schoolId })).id;
    students = [];
    for (let i = 0; i < 3; i++) students.push((await makeStudent(env.ctx, { classId })).id);
    env.clock.set('2026-11-16T00:30:00Z'); // Monday 16 November, 08:30
    teacher = await login(env, (await makeAccount(env.ctx, { role: 'class_teacher', schoolId, classId })).username);
    doctor = await login(env, (await makeAccount(env.ctx, { role: 'school_doctor', schoolId })).username);
  });
  afterAll(() => env.close());

  it('names every allowed status and both allowed types of a nullable number', async () => {
    const status = await submit({ date: '2026-11-16', session: 'morning', exceptions: [{ personId: students[0], status: 'dead' }] });
    expect(status.statusCode).toBe(400);
    expect(status.json().error).toMatchObject({ code: 'validation.enum', field: 'exceptions/0/status' });
    for (const s of ['absent_ill', 'absent_other', 'present_symptomatic']) expect(status.json().error.message).toContain(s);

    const temperature = await submit({ date: '2026-11-16', session: 'morning', exceptions: [{ personId: students[0], status: 'absent_ill', symptoms: ['fever'], temperature: 'hot' }] });
    expect(temperature.statusCode).toBe(400);
    expect(temperature.json().error).toMatchObject({ code: 'validation.type', field: 'exceptions/0/temperature' });
    expect(temperature.json().error.message).toMatch(/must be (a number or null|null or a number)$/);
  });

  it('refuses a JSON body value of the wrong type instead of coercing it, naming the field', async () => {
    const exception = { personId: students[2], status: 'absent_other' };
    const cases: { body: object; field: string; type: string; zh: string }[] = [
      { body: { date: 20261116, session: 'morning' }, field: 'date', type: 'text', zh: '文本' },
      { body: { date: '2026-11-16', session: 'morning', exceptions: [{ ...exception, personId: String(students[2]) }] }, field: 'exceptions/0/personId', type: 'a whole number', zh: '整数' },
      { body: { date: '2026-11-16', session: 'morning', exceptions: [{ ...exception, note: 123 }] }, field: 'exceptions/0/note', type: 'text or null', zh: '文本或空值' },
      { body: { date: '2026-11-16', session: 'morning', exceptions: [{ ...exception, note: true }] }, field: 'exceptions/0/note', type: 'text or null', zh: '文本或空值' },
      { body: { date: '2026-11-16', session: 'morning', zeroReport: 'true' }, field: 'zeroReport', type: 'true or false', zh: '是/否' },
      { body: { date: '2026-11-16', session: 'morning', entryMs: '5' }, field: 'entryMs', type: 'a whole number', zh: '整数' },
      // coerceTypes 'array' would have wrapped a lone value into a one-item array.
      { body: { date: '2026-11-16', session: 'morning', exceptions: [{ ...exception, status: 'absent_ill', symptoms: 'fever' }] }, field: 'exceptions/0/symptoms', type: 'a list', zh: '列表' },
    ];
    for (const { body, field, type, zh: zhType } of cases) {
      const res = await submit(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'validation.type', field });
      expect(res.json().error.message).toMatch(new RegExp(`^Field .+ must be ${type}$`));
      // The message is in the caller's language (field and type names too); `field` stays the JSON path.
      const zh = await submit(body, 'zh-CN');
      expect(zh.json().error).toMatchObject({ code: 'validation.type', field });
      expect(zh.json().error.message).toMatch(new RegExp(`类型不正确，应为${zhType}$`));
    }
    // Nothing of the refused submissions was stored.
    expect((await teacher.get(`/api/checks/classes/${classId}/form?date=2026-11-16&session=morning`)).json().check).toBeNull();
  });

  it('still coerces the query string and path parameters, which are strings on the wire', async () => {
    const form = await teacher.get(`/api/checks/classes/${classId}/form?date=2026-11-16&session=morning`);
    expect(form.statusCode).toBe(200);
    expect(form.json().classId).toBe(classId);
    const queue = await doctor.get(`/api/absences/queue?schoolId=${schoolId}`);
    expect(queue.statusCode).toBe(200);
    const notNumber = await doctor.get('/api/absences/queue?schoolId=abc');
    expect(notNumber.statusCode).toBe(400);
    expect(notNumber.json().error).toMatchObject({ code: 'validation.type', field: 'schoolId' });
  });

  it('keeps false and 0 in nullable fields, and null as null', async () => {
    const ok = await submit({ date: '2026-11-16', session: 'morning', exceptions: [{ personId: students[1], status: 'absent_ill', symptoms: ['cough'], temperature: null }] });
    expect(ok.statusCode).toBe(200);
    const queue = (await doctor.get(`/api/absences/queue?schoolId=${schoolId}`)).json();
    const id = queue.items.find((e: { personId: number }) => e.personId === students[1]).id;

    const noVisit = await doctor.request('PATCH', `/api/absences/episodes/${id}`, { version: 1, doctorVisit: false, hospital: null });
    expect(noVisit.statusCode).toBe(200);
    const detail = (await doctor.get(`/api/absences/episodes/${id}`)).json();
    expect(detail.episode.doctorVisit).toBe(false);
    expect(detail.episode.hospital).toBeNull();

    const visit = await doctor.request('PATCH', `/api/absences/episodes/${id}`, { version: detail.episode.version, doctorVisit: true });
    expect(visit.statusCode).toBe(200);
    expect((await doctor.get(`/api/absences/episodes/${id}`)).json().episode.doctorVisit).toBe(true);
  });
});

describe('the validator per request part', () => {
  // No product route takes an array in its query string today; the rule is checked on a bare server.
  const echo = async () => {
    const app = Fastify({ ajv: AJV_OPTIONS, schemaController: { compilersFactory: { buildValidator } } });
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))));
    const schema = { type: 'object', properties: { n: { type: 'integer' }, tags: { type: 'array', items: { type: 'integer' } } }, additionalProperties: false };
    app.post('/echo/:id', {
      schema: {
        params: { type: 'object', properties: { id: { type: 'integer' } } },
        querystring: schema,
        body: { content: { 'application/json': { schema }, 'application/x-www-form-urlencoded': { schema } } },
      },
    }, async (req) => ({ params: req.params, query: req.query, body: req.body }));
    await app.ready();
    return app;
  };

  it('coerces query and params (a lone value becomes an array), not a JSON body, but a form body', async () => {
    const app = await echo();
    const ok = await app.inject({ method: 'POST', url: '/echo/7?n=2&tags=3', payload: { n: 1, tags: [4] } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ params: { id: 7 }, query: { n: 2, tags: [3] }, body: { n: 1, tags: [4] } });

    for (const payload of [{ n: '1' }, { tags: 4 }, { tags: ['4'] }]) {
      const refused = await app.inject({ method: 'POST', url: '/echo/7', payload });
      expect(refused.statusCode, JSON.stringify(payload)).toBe(400);
    }

    const form = await app.inject({ method: 'POST', url: '/echo/7', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'n=5&tags=6' });
    expect(form.statusCode).toBe(200);
    expect(form.json().body).toEqual({ n: 5, tags: [6] });
    await app.close();
  });
});
