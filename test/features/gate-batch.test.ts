import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signPersonCode } from '../../src/domain/gate/person-code';
import { type EntryJob, entryBatcher } from '../../src/features/gate/entry-batch';
import { memberReader } from '../../src/features/gate/member-batch';
import { campusKeys } from '../../src/features/venue-codes/keys';
import { createTestEnv, databases, type TestEnv } from '../harness/context';
import { makeAccount, makeClass, makeCoResident, makeSchool, makeStudent } from '../harness/factories';
import { login, type TestSession } from '../harness/session';

/**
 * The gate's rush-hour path reads the people of the entries in flight in one statement and writes
 * them in one statement. These tests hold that a batch answers each entry as if it had been alone:
 * the right person, their own state, their own ledger row, audit row, presence and doctor's notice,
 * and a retry inside the same batch written once.
 */
const PASS = { realNameVerified: true, maskWorn: true, venueCodeScanned: true, travelRecordShown: true };
let seq = 0;
const key = () => `batch-key-${Date.now()}-${++seq}`;

describe.each(databases())('the gate batches on %s', (kind) => {
  let env: TestEnv;
  let schoolId: number;
  let otherSchool: number;
  let classId: number;
  let guard: TestSession;
  let guardId: number;
  let token: string;
  const count = async (table: 'gate_entries' | 'gate_doctor_notices' | 'audit_log') => Number((await env.ctx.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const numberOf = async (personId: number) => (await env.ctx.db.selectFrom('persons').select('student_number').where('id', '=', personId).executeTakeFirstOrThrow()).student_number!;

  beforeAll(async () => {
    env = await createTestEnv(kind);
    schoolId = (await makeSchool(env.ctx, { name: '批量测试小学' })).id;
    otherSchool = (await makeSchool(env.ctx, { name: '另一所学校' })).id;
    classId = (await makeClass(env.ctx, { schoolId, gradeName: '四年级', name: '1班' })).id;
    const admin = await login(env, (await makeAccount(env.ctx, { role: 'school_admin', schoolId })).username);
    const g = await makeAccount(env.ctx, { role: 'gate_guard', schoolId });
    guardId = g.id;
    guard = await login(env, g.username);
    const code = await admin.post('/api/venue-codes', { schoolId, kind: 'gate', name: '北门' });
    token = (await admin.get(`/api/venue-codes/${code.json().id}`)).json().token;
  });
  afterAll(() => env.close());

  it('reads people named every way in one batch, each with their own state, and names the field of the ones not found', async () => {
    const plain = await makeStudent(env.ctx, { classId, name: '普通生' });
    const yellow = await makeStudent(env.ctx, { classId, name: '黄码生' });
    const byCode = await makeStudent(env.ctx, { classId, name: '扫码生' });
    const byId = await makeStudent(env.ctx, { classId, name: '证件生' });
    const household = await makeCoResident(env.ctx, { householdOf: plain.id });
    const elsewhere = await makeStudent(env.ctx, { classId: (await makeClass(env.ctx, { schoolId: otherSchool })).id });
    await sql`insert into risk_statuses (person_id, status, computed_status, reasons, updated_at) values (${yellow.id}, 'yellow', 'yellow', '[]'::jsonb, now())`.execute(env.ctx.db);
    const reader = memberReader(env.ctx.db);
    const now = env.ctx.now();
    const ask = (by: 'number' | 'id_number' | 'person_code' | 'person_id', value: string | number, field: string) => reader.read({ schoolId, by, value, field, now });
    // Issued together, before the first read starts: one batch.
    const answers = await Promise.allSettled([
      ask('number', await numberOf(plain.id), 'subject/studentNumber'),
      ask('person_id', yellow.id, 'subject/personId'),
      ask('person_code', byCode.id, 'subject/personCode'),
      ask('id_number', env.ctx.cipher.lookupHash(byId.idNumber), 'subject/idNumber'),
      ask('number', 'NO-SUCH-NUMBER', 'subject/studentNumber'),
      ask('person_id', household.id, 'subject/personId'),
      ask('person_id', elsewhere.id, 'subject/personId'),
    ]);
    const ok = answers.map((a) => (a.status === 'fulfilled' ? a.value : null));
    expect(ok[0]).toMatchObject({ ref: { personId: plain.id, name: '普通生', className: '四年级1班', identifiedBy: 'number' }, state: { riskStatus: 'unknown', isolated: false } });
    expect(ok[1]).toMatchObject({ ref: { personId: yellow.id, identifiedBy: 'person_id' }, state: { riskStatus: 'yellow' } });
    expect(ok[2]).toMatchObject({ ref: { personId: byCode.id, identifiedBy: 'person_code' }, state: { riskStatus: 'unknown' } });
    expect(ok[3]).toMatchObject({ ref: { personId: byId.id, identifiedBy: 'id_number' } });
    const reasonOf = (i: number) => (answers[i] as PromiseRejectedResult).reason;
    expect(reasonOf(4)).toMatchObject({ code: 'gate.person_unknown', status: 404, params: { field: 'subject/studentNumber' } });
    expect(reasonOf(5)).toMatchObject({ code: 'gate.person_not_member', status: 400 });
    // Another school's student is not found through this school's gate.
    expect(reasonOf(6)).toMatchObject({ code: 'gate.person_unknown', status: 404 });
  });

  it('writes a batch with one ledger row, audit row and presence per entry, a notice per fever, and a retry in the same batch once', async () => {
    const students = await Promise.all([0, 1, 2, 3].map(() => makeStudent(env.ctx, { classId })));
    const before = { entries: await count('gate_entries'), notices: await count('gate_doctor_notices') };
    const job = (personId: number, k: string, opts: { fever?: boolean; direction?: 'in' | 'out' } = {}): EntryJob => ({
      entry: {
        school_id: schoolId, venue_code_id: null, gate_name: '北门', direction: opts.direction ?? 'in', person_id: personId, visitor_id: null, identified_by: 'person_id',
        at: env.ctx.now(), real_name_verified: true, mask_worn: true, venue_code_scanned: true, travel_record_shown: true, temperature: opts.fever ? 37.8 : 36.4,
        risk_status: 'unknown', decision: opts.fever ? 'refuse' : 'allow', reasons: opts.fever ? ['fever'] : [], guard_id: guardId, idempotency_key: k,
      },
      subject: `p:${personId}`, notifyDoctor: !!opts.fever,
      audit: { actorId: guardId, actorName: 'guard', actorRole: 'gate_guard', scope: 'school', action: 'gate.entry', objectType: 'person', objectId: String(personId), detail: { decision: opts.fever ? 'refuse' : 'allow' }, ip: '127.0.0.1' },
    });
    const batcher = entryBatcher(env.ctx.db);
    const retried = key();
    const ids = await Promise.all([
      batcher.submit(job(students[0].id, retried)),
      batcher.submit(job(students[0].id, retried)),
      batcher.submit(job(students[1].id, key(), { fever: true })),
      batcher.submit(job(students[2].id, key())),
      // In and out in one batch: the last allowed movement decides where they are.
      batcher.submit(job(students[3].id, key())),
      batcher.submit(job(students[3].id, key(), { direction: 'out' })),
    ]);
    expect(ids[0]).toEqual(expect.any(Number));
    expect(ids[1]).toBeNull();
    expect(new Set(ids.filter((x) => x !== null)).size).toBe(5);
    expect(await count('gate_entries')).toBe(before.entries + 5);
    expect(await count('gate_doctor_notices')).toBe(before.notices + 1);
    const notice = await env.ctx.db.selectFrom('gate_doctor_notices').select(['entry_id', 'reason']).where('entry_id', '=', ids[2]!).executeTakeFirstOrThrow();
    expect(notice.reason).toBe('fever');
    const ledger = await env.ctx.db.selectFrom('gate_entries').select(['id', 'person_id', 'reasons', 'temperature']).where('id', 'in', ids.filter((x): x is number => x !== null)).orderBy('id').execute();
    expect(ledger.find((r) => r.id === ids[2])).toMatchObject({ person_id: students[1].id, reasons: ['fever'], temperature: 37.8 });
    const audits = await env.ctx.db.selectFrom('audit_log').select(['object_id', 'detail']).where('action', '=', 'gate.entry').where('object_id', 'in', students.map((s) => String(s.id))).execute();
    expect(audits.map((a) => (a.detail as { entry: number }).entry).sort()).toEqual(ids.filter((x) => x !== null).sort());
    const presence = await env.ctx.db.selectFrom('gate_presence').select(['subject', 'inside']).where('school_id', '=', schoolId).where('subject', 'in', students.map((s) => `p:${s.id}`)).execute();
    const inside = Object.fromEntries(presence.map((p) => [p.subject, p.inside]));
    expect(inside).toEqual({ [`p:${students[0].id}`]: true, [`p:${students[2].id}`]: true, [`p:${students[3].id}`]: false });
  });

  it('answers concurrent guards through the API each with their own decision, and a retried key with the first answer', async () => {
    const calm = await makeStudent(env.ctx, { classId });
    const feverish = await makeStudent(env.ctx, { classId });
    const red = await makeStudent(env.ctx, { classId });
    const scanned = await makeStudent(env.ctx, { classId });
    await sql`insert into risk_statuses (person_id, status, computed_status, reasons, updated_at) values (${red.id}, 'red', 'red', '[]'::jsonb, now())`.execute(env.ctx.db);
    const k = key();
    const post = (subject: object, temperature: number, idempotencyKey = key()) => guard.post('/api/gate/entries', { venueToken: token, direction: 'in', subject, checks: PASS, temperature, idempotencyKey });
    const [a, b, c, d, e, f, g] = await Promise.all([
      post({ studentNumber: await numberOf(calm.id) }, 36.5, k),
      post({ personId: feverish.id }, 37.9),
      post({ personId: red.id }, 36.4),
      post({ studentNumber: 'NOT-HERE' }, 36.4),
      post({ studentNumber: await numberOf(calm.id) }, 36.5, k),
      post({ personCode: signPersonCode(campusKeys(env.ctx.cipher).person, scanned.id) }, 36.6),
      post({ idNumber: scanned.idNumber }, 36.6),
    ]);
    expect(a.json()).toMatchObject({ decision: 'allow', person: { personId: calm.id } });
    expect(b.json()).toMatchObject({ decision: 'refuse', reasons: ['fever'], notifyDoctor: true, person: { personId: feverish.id } });
    expect(c.json()).toMatchObject({ decision: 'refuse', reasons: ['risk_red'], person: { personId: red.id } });
    expect(d.json().error).toMatchObject({ code: 'gate.person_unknown', field: 'subject/studentNumber' });
    expect(e.json().entryId).toBe(a.json().entryId);
    expect(f.json()).toMatchObject({ decision: 'allow', person: { personId: scanned.id } });
    expect(g.json()).toMatchObject({ decision: 'allow', person: { personId: scanned.id } });
    expect(f.json().entryId).not.toBe(g.json().entryId);
    expect([a.json().duplicate, e.json().duplicate].sort()).toEqual([false, true]);
    const rows = await env.ctx.db.selectFrom('gate_entries').select('id').where('idempotency_key', '=', k).execute();
    expect(rows).toHaveLength(1);
  });
});
