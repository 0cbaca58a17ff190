import type { Kysely } from 'kysely';
import type { Database } from '../../db/tables';
import { addDays } from '../../domain/calendar/dates';
import { isolationPlan } from '../../domain/policies/decide';
import type { AppContext } from '../../http/context';
import { schoolToday } from '../cases/school-date';
import { effectivePolicyForSchool } from '../policies/queries';
import { recomputeRisk } from '../risk/recompute';

/**
 * Demo data for the response capability, in a few set-based inserts: a confirmed case in the demo
 * teacher's class with proposed and confirmed contacts, isolations at home, on campus and at the
 * 沁园 site in 济源, the 邵原镇 lockdown zone, leave requests, test schedules and the May Day
 * screening campaign for 济源 with some answers, so every response page has something to show.
 */
export async function seedResponseDemo(ctx: AppContext): Promise<void> {
  const db = ctx.db;
  const teacher = await db.selectFrom('accounts').select(['id', 'school_id', 'class_id']).where('username', '=', 'teacher').executeTakeFirst();
  if (!teacher?.school_id || !teacher.class_id) return;
  const today = schoolToday(ctx);
  const now = ctx.now();
  const schoolId = teacher.school_id;
  const policy = await effectivePolicyForSchool(db, 'covid19', schoolId);
  const pupils = await db.selectFrom('persons').select('id').where('class_id', '=', teacher.class_id).where('kind', '=', 'student').orderBy('id').limit(6).execute();
  if (pupils.length < 6) return;
  const [index, ...others] = pupils.map((p) => p.id);
  const kase = await db
    .insertInto('cases')
    .values({ person_id: index, school_id: schoolId, disease: 'covid19', status: 'confirmed', onset_date: addDays(today, -1), found_by: 'check', alert_id: null, outbreak_id: null, source_case_id: null, policy_id: policy.id, reported_by: null, created_at: now, updated_at: now, idempotency_key: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.updateTable('cases').set({ outbreak_id: kase.id }).where('id', '=', kase.id).execute();
  const contacts = await db
    .insertInto('contacts')
    .values(others.map((id, i) => ({ case_id: kase.id, person_id: id, school_id: schoolId, via: ['class'], exposure_from: addDays(today, -5), exposure_to: addDays(today, -1), status: i < 2 ? ('confirmed' as const) : ('proposed' as const), source_contact_id: null, decided_by: null, decided_at: i < 2 ? now : null, created_at: now })))
    .returning(['id', 'person_id'])
    .execute();

  const jiyuan = await db.selectFrom('schools').select(['id', 'name']).where('region_code', '=', '419001').orderBy('id').limit(2).execute();
  const site = await db.insertInto('isolation_sites').values({ region_code: '419001', name: '沁园隔离点', address: '济源市沁园街道', capacity: 40 }).returning('id').executeTakeFirstOrThrow();
  const plan = (role: 'close_contact' | 'risk_area' | 'returning_household', start: string) => isolationPlan(policy.rules, role, start)!;
  const order = (personId: number, school: number, kind: 'home' | 'on_campus' | 'site', role: 'close_contact' | 'risk_area' | 'returning_household', reason: string, extra: { contact_id?: number; site_id?: number; logistics?: string } = {}) => {
    const p = plan(role, today);
    return {
      person_id: personId, school_id: school, kind, site_id: extra.site_id ?? null, case_id: role === 'close_contact' ? kase.id : null, contact_id: extra.contact_id ?? null, reason, policy_id: policy.id,
      starts_on: p.startsOn, planned_end: p.plannedEnd, monitoring_end: p.monitoringEnd, test_days: p.testDays, status: 'active' as const, released_on: null, release_override: null,
      logistics: extra.logistics ?? '', created_by: null, created_at: now,
    };
  };
  const orders = [order(contacts[0].person_id, schoolId, 'home', 'close_contact', '密切接触者', { contact_id: contacts[0].id }), order(contacts[1].person_id, schoolId, 'on_campus', 'close_contact', '密切接触者', { contact_id: contacts[1].id, logistics: '学校隔离宿舍，食堂送餐' })];
  const jiyuanPeople: number[] = [];
  for (const s of jiyuan) {
    const ps = await db.selectFrom('persons').select('id').where('school_id', '=', s.id).where('kind', '=', 'student').orderBy('id').limit(4).execute();
    jiyuanPeople.push(...ps.map((p) => p.id));
    if (ps[0]) orders.push(order(ps[0].id, s.id, 'site', 'close_contact', '红码人员，集中隔离', { site_id: site.id, logistics: '隔离点统一安排食宿' }));
    if (ps[1]) orders.push(order(ps[1].id, s.id, 'home', 'risk_area', '邵原镇旅居史，居家隔离'));
  }
  await db.insertInto('isolations').values(orders).execute();
  await db.insertInto('risk_areas').values({ region_code: '419001', name: '邵原镇', level: 'lockdown', starts_on: addDays(today, -6), ends_on: null, declared_by: null, created_at: now }).execute();
  if (jiyuanPeople[1]) await db.insertInto('travel_records').values({ person_id: jiyuanPeople[1], region_code: '419001', place: '济源市邵原镇', from_date: addDays(today, -5), to_date: addDays(today, -3), residence: false, source: 'manual', created_at: now }).execute();

  await seedLeave(db, schoolId, teacher, others[4], today, now);
  await db.insertInto('test_schedules').values([
    { name: '全员核酸（每周一、四）', region_code: '419001', school_id: null, test_group: 'all', weekdays: [1, 4], test_kind: 'pcr', starts_on: addDays(today, -14), ends_on: null, created_by: null, created_at: now },
    { name: '重点岗位核酸（每周二、五）', region_code: null, school_id: schoolId, test_group: 'key_positions', weekdays: [2, 5], test_kind: 'pcr', starts_on: addDays(today, -14), ends_on: null, created_by: null, created_at: now },
  ]).execute();
  const campaign = await db
    .insertInto('screening_campaigns')
    .values({ region_code: '419001', name: '五一假期来济返济人员摸排', population: ['student', 'staff', 'co_resident'], questions: JSON.stringify({ travel: true, riskAreaResidence: true, occupation: true, symptoms: true, travelFrom: addDays(today, -6), travelTo: addDays(today, -2) }), filters: JSON.stringify({}), deadline: addDays(today, 3), status: 'open', created_by: null, created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  const answered = jiyuanPeople.slice(0, 6);
  if (answered.length) {
    const byId = new Map((await db.selectFrom('persons').select(['id', 'school_id']).where('id', 'in', answered).execute()).map((p) => [p.id, p.school_id]));
    await db.insertInto('screening_answers').values(answered.map((id, i) => {
      const fromZz = i === 0;
      const answers = { returned: i < 3, travel: fromZz ? [{ regionCode: '410102', place: '郑州市中原区', fromDate: addDays(today, -6), toDate: addDays(today, -3) }] : [], riskAreaResidence: i === 1, symptoms: [], proposals: [], highRiskOccupation: false, riskAreas: [] };
      return { campaign_id: campaign.id, person_id: id, school_id: byId.get(id)!, answers: JSON.stringify(answers), returned: i < 3, from_region: i < 3 ? (fromZz ? '410100' : '419001') : null, risk_area: i === 1, symptoms: false, answered_by: null, answered_via: 'teacher' as const, answered_at: now };
    })).execute();
  }
  await recomputeRisk(db, { personIds: [index, ...others, ...jiyuanPeople] }, { now, today });
}

async function seedLeave(db: Kysely<Database>, schoolId: number, teacher: { id: number }, personId: number, today: string, now: Date) {
  const principal = await db.selectFrom('accounts').select(['id', 'display_name']).where('username', '=', 'principal').executeTakeFirst();
  const t = await db.selectFrom('accounts').select('display_name').where('id', '=', teacher.id).executeTakeFirstOrThrow();
  const policy = await effectivePolicyForSchool(db, 'covid19', schoolId);
  if (principal) await db.insertInto('leave_approvers').values({ school_id: schoolId, step: 1, account_id: principal.id, label: '校长', more_than_days: 3 }).execute();
  const step = (accountId: number, name: string, label: string, n: number, decision: 'approved' | null) => ({ step: n, accountId, name, label, decision, decidedAt: decision ? now.toISOString() : null, note: null });
  await db.insertInto('leave_requests').values([
    {
      person_id: personId, school_id: schoolId, from_date: addDays(today, 1), to_date: addDays(today, 2), reason: '看病复查', destination: '郑州市第一人民医院', destination_region_code: '410102', status: 'pending',
      chain: JSON.stringify([step(teacher.id, t.display_name, '班主任', 1, null)]), step: 0, requested_by: null, requested_at: now, returned_on: null, return_check: null, idempotency_key: null,
    },
    {
      person_id: personId, school_id: schoolId, from_date: addDays(today, -4), to_date: addDays(today, -3), reason: '家中有事', destination: '济源市', destination_region_code: '419001', status: 'approved',
      chain: JSON.stringify([step(teacher.id, t.display_name, '班主任', 1, 'approved')]), step: 1, requested_by: null, requested_at: now, returned_on: null, return_check: null, idempotency_key: null,
    },
    {
      // Back yesterday from Jiyuan, outside the city: the policy proposes a test on the day of return,
      // which waits on the school doctor's re-entry worklist.
      person_id: personId, school_id: schoolId, from_date: addDays(today, -2), to_date: addDays(today, -1), reason: '回老家', destination: '济源市', destination_region_code: '419001', status: 'returned',
      chain: JSON.stringify([step(teacher.id, t.display_name, '班主任', 1, 'approved')]), step: 1, requested_by: null, requested_at: now, returned_on: addDays(today, -1),
      return_check: JSON.stringify({ riskAreas: [], fromElsewhere: true, proposals: [{ kind: 'tests', dates: [addDays(today, -1)] }], clear: false, policyId: policy.id, policyVersion: policy.version }), idempotency_key: null,
    },
  ]).execute();
}
