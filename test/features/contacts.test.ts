import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, databases, type TestEnv } from '../harness/context';
import { makeAccount, makeClass, makeCoResident, makeDorm, makeSchool, makeStaff, makeStudent } from '../harness/factories';
import { login, type TestSession } from '../harness/session';

/**
 * A generated boarding school with known structure: 3 classes of 12, dorm rooms of 4 that mix
 * classes, 2 dining table groups and a bus route across classes, a household per third student,
 * two teachers per class. The expected contacts are computed here from the definition.
 */
describe.each(databases())('contacts proposed from the structure on %s', (kind) => {
  let env: TestEnv;
  let doctor: TestSession;
  const students: { id: number; cls: number; dorm: number; dining: number; bus: boolean }[] = [];
  const households = new Map<number, number[]>();
  const teachers = new Map<number, number[]>();
  beforeAll(async () => {
    env = await createTestEnv(kind);
    const schoolId = (await makeSchool(env.ctx, { boarding: true })).id;
    const classes = [];
    for (let c = 0; c < 3; c++) classes.push((await makeClass(env.ctx, { schoolId, gradeName: '七年级' })).id);
    const dorms = [];
    for (let d = 0; d < 9; d++) dorms.push((await makeDorm(env.ctx, { schoolId, capacity: 4 })).id);
    for (let i = 0; i < 36; i++) {
      const cls = i % 3;
      const dorm = Math.floor(i / 4);
      const s = await makeStudent(env.ctx, { classId: classes[cls], dormId: dorms[dorm] });
      students.push({ id: s.id, cls, dorm, dining: i % 2, bus: i % 5 === 0 });
      if (i % 3 === 0) households.set(s.id, [(await makeCoResident(env.ctx, { householdOf: s.id })).id]);
    }
    for (let c = 0; c < 3; c++) {
      const t = [(await makeStaff(env.ctx, { schoolId })).id, (await makeStaff(env.ctx, { schoolId })).id];
      teachers.set(c, t);
    }
    const admin = await makeAccount(env.ctx, { role: 'school_admin', schoolId });
    const a = await login(env, admin.username);
    for (let g = 0; g < 2; g++) {
      const r = await a.request('PUT', `/api/schools/${schoolId}/exposure-groups`, { kind: 'dining', name: `午餐第1批-${g + 1}组`, personIds: students.filter((s) => s.dining === g).map((s) => s.id) });
      expect(r.statusCode, r.body).toBe(200);
    }
    expect((await a.request('PUT', `/api/schools/${schoolId}/exposure-groups`, { kind: 'bus', name: '1路校车', personIds: students.filter((s) => s.bus).map((s) => s.id) })).statusCode).toBe(200);
    for (let c = 0; c < 3; c++) expect((await a.request('PUT', `/api/classes/${classes[c]}/teachers`, { personIds: teachers.get(c)! })).statusCode).toBe(200);
    doctor = await login(env, (await makeAccount(env.ctx, { role: 'school_doctor', schoolId })).username);
  }, 120_000);
  afterAll(() => env.close());

  function expected(caseIdx: number, vias: string[]) {
    const me = students[caseIdx];
    const out = new Map<number, Set<string>>();
    const add = (id: number, via: string) => {
      if (id === me.id || !vias.includes(via)) return;
      if (!out.has(id)) out.set(id, new Set());
      out.get(id)!.add(via);
    };
    for (const s of students) {
      if (s.cls === me.cls) add(s.id, 'class');
      if (s.dorm === me.dorm) add(s.id, 'dorm');
      if (s.dining === me.dining) add(s.id, 'dining');
      if (me.bus && s.bus) add(s.id, 'bus');
    }
    for (const h of households.get(me.id) ?? []) add(h, 'household');
    for (const t of teachers.get(me.cls)!) add(t, 'teacher');
    return out;
  }

  it.each([0, 5, 13, 30])('proposes exactly the structural contacts of student %i (COVID-19 and influenza)', async (idx) => {
    for (const [disease, vias] of [['covid19', ['class', 'dorm', 'dining', 'bus', 'arrival', 'household', 'teacher']], ['influenza', ['class', 'dorm', 'household']]] as const) {
      const created = await doctor.post('/api/cases', { personId: students[idx].id, disease, status: 'confirmed', onsetDate: '2026-11-28', foundBy: 'check' });
      expect(created.statusCode, created.body).toBe(200);
      const res = await doctor.post(`/api/cases/${created.json().id}/contacts/propose`);
      expect(res.statusCode, res.body).toBe(200);
      const got = new Map<number, Set<string>>(res.json().items.map((k: { personId: number; via: string[] }) => [k.personId, new Set(k.via)]));
      expect(got).toEqual(expected(idx, [...vias]));
      // exposure window from the policy: COVID-19 looks back 4 days before onset, influenza 1
      expect(res.json().items[0].exposureFrom).toBe(disease === 'covid19' ? '2026-11-24' : '2026-11-27');
      // proposing again adds nobody
      const again = await doctor.post(`/api/cases/${created.json().id}/contacts/propose`);
      expect(again.json().proposed).toBe(0);
      await doctor.request('PATCH', `/api/cases/${created.json().id}`, { status: 'excluded' });
    }
  });

  it('confirms contacts, turns them red under COVID-19, proposes contacts of a contact and draws the chain', async () => {
    const c = (await doctor.post('/api/cases', { personId: students[1].id, disease: 'covid19', status: 'confirmed', onsetDate: '2026-11-29', foundBy: 'hospital' })).json();
    const list = (await doctor.post(`/api/cases/${c.id}/contacts/propose`)).json().items as { id: number; personId: number; via: string[] }[];
    const dormMates = list.filter((k) => k.via.includes('dorm'));
    const rest = list.filter((k) => !k.via.includes('dorm'));
    expect((await doctor.post(`/api/cases/${c.id}/contacts/decide`, { contactIds: dormMates.map((k) => k.id), decision: 'confirmed' })).statusCode).toBe(200);
    expect((await doctor.post(`/api/cases/${c.id}/contacts/decide`, { contactIds: rest.map((k) => k.id), decision: 'dismissed' })).statusCode).toBe(200);
    const risk = (await doctor.get(`/api/people/${dormMates[0].personId}/risk`)).json();
    expect(risk.status).toBe('red');
    expect(risk.reasons[0].code).toBe('close_contact');
    expect((await doctor.get(`/api/people/${rest[0].personId}/risk`)).json().status).toBe('green');
    const second = await doctor.post(`/api/cases/${c.id}/contacts/propose?aroundContactId=${dormMates[0].id}`);
    expect(second.statusCode).toBe(200);
    expect(second.json().proposed).toBeGreaterThan(0);
    const graph = (await doctor.get(`/api/cases/${c.id}/graph`)).json();
    expect(graph.nodes.filter((n: { kind: string }) => n.kind === 'contact')).toHaveLength(dormMates.length);
    // a dorm mate falls ill: the new case joins the same outbreak, infected by the first
    const c2 = (await doctor.post('/api/cases', { personId: dormMates[0].personId, disease: 'covid19', status: 'confirmed', foundBy: 'contact' })).json();
    expect(c2.outbreakId).toBe(c.outbreakId);
    const graph2 = (await doctor.get(`/api/cases/${c.id}/graph`)).json();
    expect(graph2.edges.some((e: { kind: string; to: number }) => e.kind === 'infected' && e.to === dormMates[0].personId)).toBe(true);
  });

  it('refuses a future onset, naming the field, and writes nothing', async () => {
    const before = await env.ctx.db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const r = await doctor.post('/api/cases', { personId: students[2].id, disease: 'covid19', status: 'suspected', onsetDate: '2027-01-01', foundBy: 'check' });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.field).toBe('onsetDate');
    const after = await env.ctx.db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('counts a retried case submission once', async () => {
    const body = { personId: students[3].id, disease: 'norovirus', status: 'suspected', foundBy: 'check', idempotencyKey: 'retry-key-0001' };
    const a = (await doctor.post('/api/cases', body)).json();
    const b = (await doctor.post('/api/cases', body)).json();
    expect(b.id).toBe(a.id);
    const rows = await env.ctx.db.selectFrom('cases').select('id').where('person_id', '=', students[3].id).where('disease', '=', 'norovirus').execute();
    expect(rows).toHaveLength(1);
  });

  it('answers five simultaneous retries of one submission with the same case', async () => {
    const body = { personId: students[4].id, disease: 'varicella', status: 'suspected', foundBy: 'check', idempotencyKey: 'retry-key-race-5' };
    const answers = await Promise.all(Array.from({ length: 5 }, () => doctor.post('/api/cases', body)));
    expect(answers.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200]);
    expect(new Set(answers.map((r) => r.json().id)).size).toBe(1);
    const rows = await env.ctx.db.selectFrom('cases').select('id').where('idempotency_key', '=', body.idempotencyKey).execute();
    expect(rows).toEqual([{ id: answers[0].json().id }]);
    const other = await doctor.post('/api/cases', { ...body, personId: students[5].id });
    expect(other.json().error).toMatchObject({ code: 'case.idempotency_reused', field: 'idempotencyKey' });
  });

  it('refuses the case’s own patient as their own close contact', async () => {
    const c = (await doctor.post('/api/cases', { personId: students[6].id, disease: 'influenza', status: 'suspected', foundBy: 'check' })).json();
    const self = await doctor.post(`/api/cases/${c.id}/contacts`, { personId: students[6].id, exposureFrom: '2026-11-20', exposureTo: '2026-11-21', note: 'self' });
    expect(self.statusCode).toBe(400);
    expect(self.json().error).toMatchObject({ code: 'contact.is_the_case', field: 'personId', message: '病例本人不能登记为自己的密切接触者' });
    const en = await doctor.request('POST', `/api/cases/${c.id}/contacts`, { personId: students[6].id, exposureFrom: '2026-11-20', exposureTo: '2026-11-21', note: 'self' }, { 'accept-language': 'en' });
    expect(en.json().error.message).toBe('The case’s own patient cannot be their own close contact');
    expect(await env.ctx.db.selectFrom('contacts').select('id').where('case_id', '=', c.id).execute()).toEqual([]);
  });
});
