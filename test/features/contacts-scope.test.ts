import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, databases, type TestEnv } from '../harness/context';
import { makeAccount, makeClass, makeHospital, makeSchool, makeStudent } from '../harness/factories';
import { login, type TestSession } from '../harness/session';

/**
 * QA-3 defect 1: a case in scope does not open every contact on it. A county officer adds a child of
 * another school to a school's case; that school's staff neither see nor act on the child (lists and
 * graph leave them out and count them, writes are refused with 403 and audited), a class teacher sees
 * only their own class's contacts, and the officer still sees and acts on everyone.
 */
describe.each(databases())('contacts outside the caller’s scope on %s', (kind) => {
  let env: TestEnv;
  let county: TestSession;
  let principal: TestSession;
  let doctor: TestSession;
  let teacher: TestSession;
  let hospital: TestSession;
  let doctorId: number;
  let principalId: number;
  let caseId: number;
  const p = { patient: 0, classmate: 0, otherClass: 0, otherSchool: 0 };
  const k = { classmate: 0, otherClass: 0, otherSchool: 0 };

  beforeAll(async () => {
    env = await createTestEnv(kind);
    env.clock.set('2026-11-30T01:00:00Z');
    const school1 = (await makeSchool(env.ctx, { regionCode: '410105' })).id;
    const school2 = (await makeSchool(env.ctx, { regionCode: '410105' })).id;
    const class1 = (await makeClass(env.ctx, { schoolId: school1 })).id;
    const class2 = (await makeClass(env.ctx, { schoolId: school1 })).id;
    const class3 = (await makeClass(env.ctx, { schoolId: school2 })).id;
    p.patient = (await makeStudent(env.ctx, { classId: class1 })).id;
    p.classmate = (await makeStudent(env.ctx, { classId: class1 })).id;
    p.otherClass = (await makeStudent(env.ctx, { classId: class2 })).id;
    p.otherSchool = (await makeStudent(env.ctx, { classId: class3, name: '赵轩' })).id;
    const hospitalId = (await makeHospital(env.ctx, { pairWith: [school1] })).id;
    county = await login(env, (await makeAccount(env.ctx, { role: 'county_officer', regionCode: '410105' })).username);
    const principalAccount = await makeAccount(env.ctx, { role: 'school_admin', schoolId: school1 });
    principalId = principalAccount.id;
    principal = await login(env, principalAccount.username);
    const doctorAccount = await makeAccount(env.ctx, { role: 'school_doctor', schoolId: school1 });
    doctorId = doctorAccount.id;
    doctor = await login(env, doctorAccount.username);
    teacher = await login(env, (await makeAccount(env.ctx, { role: 'class_teacher', schoolId: school1, classId: class1 })).username);
    hospital = await login(env, (await makeAccount(env.ctx, { role: 'hospital_liaison', hospitalId })).username);

    const created = await doctor.post('/api/cases', { personId: p.patient, disease: 'covid19', status: 'confirmed', onsetDate: '2026-11-29', foundBy: 'check' });
    expect(created.statusCode, created.body).toBe(200);
    caseId = created.json().id;
    const proposed = await doctor.post(`/api/cases/${caseId}/contacts/propose`);
    expect(proposed.statusCode, proposed.body).toBe(200);
    expect(proposed.json().items.map((x: { personId: number }) => x.personId)).toEqual([p.classmate]);
    k.classmate = proposed.json().items[0].id;
    const add = async (s: TestSession, personId: number) => {
      const r = await s.post(`/api/cases/${caseId}/contacts`, { personId, exposureFrom: '2026-11-27', exposureTo: '2026-11-28', note: '校外补习班同桌' });
      expect(r.statusCode, r.body).toBe(200);
      return r.json().id as number;
    };
    k.otherClass = await add(doctor, p.otherClass);
    // Legitimate: the county officer's scope holds both schools.
    k.otherSchool = await add(county, p.otherSchool);
  }, 120_000);
  afterAll(() => env.close());

  const personIds = (body: { items: { personId: number }[] }) => body.items.map((x) => x.personId).sort((a, b) => a - b);
  const sorted = (...ids: number[]) => [...ids].sort((a, b) => a - b);
  const denials = (actorId: number, objectType: string, objectId: number) =>
    env.ctx.db.selectFrom('audit_log').select(['detail']).where('action', '=', 'access.denied').where('actor_id', '=', actorId).where('object_type', '=', objectType).where('object_id', '=', String(objectId)).execute();
  const contactRow = (id: number) => env.ctx.db.selectFrom('contacts').select(['status', 'decided_by']).where('id', '=', id).executeTakeFirstOrThrow();

  it('leaves the other school’s child out of the school’s lists and graph, counting without naming', async () => {
    for (const s of [principal, doctor, hospital]) {
      const list = await s.get(`/api/cases/${caseId}/contacts`);
      expect(list.statusCode, list.body).toBe(200);
      expect(personIds(list.json())).toEqual(sorted(p.classmate, p.otherClass));
      expect(list.json().withheld).toBe(1);
      expect(list.body).not.toContain('赵轩');
      const graph = await s.get(`/api/cases/${caseId}/graph`);
      expect(graph.statusCode, graph.body).toBe(200);
      const g = graph.json() as { nodes: { personId: number }[]; edges: { from: number; to: number }[]; withheld: number };
      expect(g.nodes.map((n) => n.personId)).not.toContain(p.otherSchool);
      expect(g.edges.some((e) => e.to === p.otherSchool || e.from === p.otherSchool)).toBe(false);
      expect(g.withheld).toBe(1);
      expect(graph.body).not.toContain('赵轩');
    }
  });

  it('shows a class teacher only the contacts of their own class', async () => {
    const list = await teacher.get(`/api/cases/${caseId}/contacts`);
    expect(list.statusCode, list.body).toBe(200);
    expect(personIds(list.json())).toEqual([p.classmate]);
    expect(list.json().withheld).toBe(2);
    const g = (await teacher.get(`/api/cases/${caseId}/graph`)).json() as { nodes: { personId: number }[]; withheld: number };
    expect(g.nodes.map((n) => n.personId).sort((a, b) => a - b)).toEqual(sorted(p.patient));
    expect(g.withheld).toBe(2);
  });

  it('refuses the school’s decisions on the other school’s child with 403, audited, and changes nothing', async () => {
    expect((await county.get(`/api/people/${p.otherSchool}/risk`)).json().status).toBe('red');
    for (const [s, id] of [[doctor, doctorId], [principal, principalId]] as const) {
      const one = await s.post(`/api/contacts/${k.otherSchool}/decision`, { decision: 'dismissed', note: '学校医生驳回' });
      expect(one.statusCode, one.body).toBe(403);
      expect(one.json().error.code).toBe('error.out_of_scope');
      expect(await denials(id, 'contact', k.otherSchool)).toHaveLength(1);
    }
    // A bulk decision naming the child is refused as a whole: the classmate stays proposed too.
    const many = await doctor.post(`/api/cases/${caseId}/contacts/decide`, { contactIds: [k.classmate, k.otherSchool], decision: 'dismissed' });
    expect(many.statusCode, many.body).toBe(403);
    expect(await denials(doctorId, 'contact', k.otherSchool)).toHaveLength(2);
    expect((await contactRow(k.classmate)).status).toBe('proposed');
    expect((await contactRow(k.otherSchool)).status).toBe('confirmed');
    expect((await county.get(`/api/people/${p.otherSchool}/risk`)).json().status).toBe('red');
    // Tracing around the child would list their classmates: refused too.
    const around = await doctor.post(`/api/cases/${caseId}/contacts/propose?aroundContactId=${k.otherSchool}`);
    expect(around.statusCode, around.body).toBe(403);
    expect(await denials(doctorId, 'contact', k.otherSchool)).toHaveLength(3);
    // The class teacher holds no case.manage at all.
    expect((await teacher.post(`/api/contacts/${k.otherSchool}/decision`, { decision: 'dismissed' })).statusCode).toBe(403);
    // The school still decides its own.
    const own = await doctor.post(`/api/contacts/${k.classmate}/decision`, { decision: 'confirmed' });
    expect(own.statusCode, own.body).toBe(200);
  });

  it('isolates only the school’s own contacts, counting the other as out of scope', async () => {
    const res = await doctor.post(`/api/cases/${caseId}/isolations`, { startsOn: '2026-11-30', kind: 'home' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ created: 2, skipped: 0, outOfScope: 1 });
    expect(res.body).not.toContain('赵轩');
    expect(await env.ctx.db.selectFrom('isolations').select('id').where('person_id', '=', p.otherSchool).execute()).toEqual([]);
    // A single order cannot borrow the child's contact record either.
    const borrowed = await doctor.post('/api/isolations', { personId: p.otherClass, disease: 'covid19', role: 'close_contact', kind: 'home', startsOn: '2026-11-30', reason: '密接', contactId: k.otherSchool });
    expect(borrowed.statusCode).toBe(400);
    expect(borrowed.json().error).toMatchObject({ code: 'contact.unknown', field: 'contactId' });
  });

  it('lets the county officer see and act on every contact', async () => {
    const list = (await county.get(`/api/cases/${caseId}/contacts`)).json();
    expect(personIds(list)).toEqual(sorted(p.classmate, p.otherClass, p.otherSchool));
    expect(list.withheld).toBe(0);
    const g = (await county.get(`/api/cases/${caseId}/graph`)).json() as { nodes: { personId: number; name: string }[]; withheld: number };
    expect(g.nodes.find((n) => n.personId === p.otherSchool)?.name).toBe('赵轩');
    expect(g.withheld).toBe(0);
    const res = await county.post(`/api/cases/${caseId}/isolations`, { startsOn: '2026-11-30', kind: 'home' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ created: 1, skipped: 2, outOfScope: 0 });
    expect(await env.ctx.db.selectFrom('isolations').select('status').where('person_id', '=', p.otherSchool).execute()).toEqual([{ status: 'active' }]);
    const decided = await county.post(`/api/contacts/${k.otherSchool}/decision`, { decision: 'dismissed', note: '核实后排除' });
    expect(decided.statusCode, decided.body).toBe(200);
    expect((await contactRow(k.otherSchool)).status).toBe('dismissed');
  });
});
