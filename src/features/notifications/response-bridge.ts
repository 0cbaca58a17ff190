import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/tables';
import { inTransaction } from '../../db/transaction';
import type { ResponseNotification } from '../cases/notify';
import { enqueueNotification, type Texts } from './enqueue';
import { responseBody } from './response-texts';

const TITLES: Record<ResponseNotification['kind'], Texts> = {
  risk_status_changed: { zh: '风险状态变更', en: 'Risk status changed' },
  case_recorded: { zh: '新登记病例', en: 'Case recorded' },
  isolation_ordered: { zh: '隔离通知', en: 'Isolation ordered' },
  isolation_released: { zh: '解除隔离', en: 'Isolation released' },
  leave_decided: { zh: '请假审批结果', en: 'Leave request decided' },
  footing_switched: { zh: '平急转换：已切换', en: 'Footing switched' },
  footing_proposed: { zh: '平急转换：建议切换', en: 'Footing switch proposed' },
};

/** Resolves a response notification's audience to accounts, from the person's class, school and region. */
async function recipientsOf(db: Kysely<Database>, n: ResponseNotification): Promise<number[]> {
  const ids = new Set<number>();
  const person = n.personId ? await db.selectFrom('persons').select(['id', 'class_id', 'school_id', 'household_of']).where('id', '=', n.personId).executeTakeFirst() : undefined;
  const schoolId = n.schoolId ?? person?.school_id;
  if (n.audience.includes('class_teacher') && person) {
    const host = person.household_of ? await db.selectFrom('persons').select('class_id').where('id', '=', person.household_of).executeTakeFirst() : person;
    if (host?.class_id) {
      const rows = await db.selectFrom('accounts').select('id').where('role', '=', 'class_teacher').where('class_id', '=', host.class_id).where('disabled_at', 'is', null).execute();
      for (const r of rows) ids.add(r.id);
    }
  }
  if (n.audience.includes('guardians') && person) {
    const rows = await db.selectFrom('account_children').innerJoin('accounts', 'accounts.id', 'account_children.account_id').select('accounts.id').where('account_children.person_id', '=', person.id).where('accounts.disabled_at', 'is', null).execute();
    for (const r of rows) ids.add(r.id);
  }
  if (n.audience.includes('school_health') && schoolId) {
    const rows = await db.selectFrom('accounts').select('id').where('school_id', '=', schoolId).where('role', 'in', ['school_doctor', 'school_admin']).where('disabled_at', 'is', null).execute();
    for (const r of rows) ids.add(r.id);
  }
  if (n.audience.includes('task_force')) {
    const region = n.regionCode ?? (schoolId ? (await db.selectFrom('schools').select('region_code').where('id', '=', schoolId).executeTakeFirst())?.region_code : undefined);
    if (region) {
      const rows = await db.selectFrom('accounts').select('id').where('region_code', '=', region).where('role', 'in', ['county_officer', 'city_officer', 'province_officer']).where('disabled_at', 'is', null).execute();
      for (const r of rows) ids.add(r.id);
    }
  }
  return [...ids];
}

/** Delivers the response capabilities' notifications through the outbox (in-app, e-mail, robots). */
export async function deliverResponseNotifications(db: Kysely<Database>, list: ResponseNotification[], now: () => Date): Promise<void> {
  for (const n of list) {
    const recipients = await recipientsOf(db, n);
    if (!recipients.length) continue;
    const key = createHash('sha256').update(JSON.stringify([n.kind, n.personId, n.schoolId, n.regionCode, n.payload])).digest('hex').slice(0, 32);
    const who = n.personId ? ((await db.selectFrom('persons').select('name').where('id', '=', n.personId).executeTakeFirst())?.name ?? null) : null;
    // An isolation order takes its readers (guardians, class teacher) to the daily check-in desk.
    const link = n.kind === 'isolation_ordered' ? '/isolation/checkins' : n.personId ? `/people/${n.personId}` : null;
    await inTransaction(db, (trx, afterCommit) =>
      enqueueNotification(trx, { kind: `response.${n.kind}`, dedupeKey: `response:${key}`, recipients, title: TITLES[n.kind], body: responseBody(n, who), link }, now(), afterCommit),
    );
  }
}
