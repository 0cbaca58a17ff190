import { sql } from 'kysely';
import { inTransaction } from '../../db/transaction';
import { isSchoolDay } from '../../domain/calendar';
import { type SessionRule, deadlineInstant, sessionsOf, shanghaiDate } from '../../domain/checks/sessions';
import type { AppContext } from '../../http/context';
import { enqueueNotification } from '../notifications/enqueue';
import { calendarFromTerms } from './calendar-adapter';

const SESSION_NAMES: Record<string, { zh: string; en: string }> = {
  morning: { zh: '晨检', en: 'morning check' }, noon: { zh: '午检', en: 'noon check' }, evening: { zh: '晚检', en: 'evening check' },
};

/** The reminder's key: one per class, date and session, however often the job runs. */
export const missingReportKey = (classId: number, date: string, session: string) => `check.missing:${classId}:${date}:${session}`;

/**
 * Missing-report reminders (R8): once a session's deadline has passed on a school day, every class
 * without its check gets one in-app reminder, to the class's responsible person in the grid
 * (grid_responsibilities, unit 'class') or, when the grid names no one, to the class teacher. The
 * notification's key makes a second run remind nobody twice. Returns how many reminders were queued.
 */
export async function remindMissingReports(ctx: AppContext): Promise<number> {
  const now = ctx.now();
  const date = shanghaiDate(now);
  const schools = await sql<{ id: number; boarding: boolean; sessions: SessionRule[]; terms: Array<{ start_date: string; end_date: string; name: string }> | null }>`
    select s.id, s.boarding,
      coalesce((select json_agg(json_build_object('session', x.session, 'deadline', x.deadline)) from check_sessions x where x.school_id = s.id), '[]') as sessions,
      (select json_agg(json_build_object('start_date', t.start_date, 'end_date', t.end_date, 'name', t.name)) from school_terms t where t.school_id = s.id) as terms
    from schools s where exists (select 1 from classes c where c.school_id = s.id)`.execute(ctx.db);
  const due: Array<{ schoolId: number; session: string }> = [];
  for (const s of schools.rows) {
    if (!isSchoolDay(date, calendarFromTerms(s.terms ?? [], date)).schoolDay) continue;
    for (const rule of sessionsOf(s.sessions, s.boarding)) {
      if (deadlineInstant(date, rule.deadline).getTime() + 60_000 <= now.getTime()) due.push({ schoolId: Number(s.id), session: rule.session });
    }
  }
  if (!due.length) return 0;
  const missing = await sql<{ class_id: number; school_id: number; session: string; class_name: string; account_id: number | null }>`
    select c.id as class_id, c.school_id, d.session, coalesce(g.name, '') || c.name as class_name,
      coalesce(
        (select r.account_id from grid_responsibilities r join accounts a on a.id = r.account_id
          where r.unit_type = 'class' and r.unit_key = c.id::text and a.disabled_at is null),
        (select a.id from accounts a where a.role = 'class_teacher' and a.class_id = c.id and a.disabled_at is null order by a.id limit 1)
      ) as account_id
    from jsonb_to_recordset(${JSON.stringify(due.map((d) => ({ school_id: d.schoolId, session: d.session })))}::jsonb) as d(school_id bigint, session text)
    join classes c on c.school_id = d.school_id
    left join grades g on g.id = c.grade_id
    where not exists (select 1 from class_checks k where k.class_id = c.id and k.check_date = ${date}::date and k.session = d.session)
    order by c.id, d.session`.execute(ctx.db);
  let queued = 0;
  for (const m of missing.rows) {
    if (m.account_id == null) continue;
    const key = missingReportKey(Number(m.class_id), date, m.session);
    const name = SESSION_NAMES[m.session] ?? { zh: m.session, en: m.session };
    const result = await inTransaction(ctx.db, (trx, afterCommit) => enqueueNotification(trx, {
      kind: 'check.missing_report', dedupeKey: key, recipients: [Number(m.account_id)], email: false,
      title: { zh: `${m.class_name} ${date} ${name.zh}未上报`, en: `${m.class_name}: ${name.en} of ${date} not reported` },
      body: { zh: `${name.zh}已过截止时间，请尽快上报。`, en: `The deadline of the ${name.en} has passed; please report it now.` },
      // The class check page (web/src/features/checks: /checks/classes/:classId) reads date and session.
      link: `/checks/classes/${m.class_id}?date=${date}&session=${m.session}`,
    }, now, afterCommit));
    queued += result.inApp;
  }
  return queued;
}
