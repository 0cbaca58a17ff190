import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/tables';
import type { CheckCounts } from '../../domain/checks/counts';
import { type SessionRule, sessionsOf } from '../../domain/checks/sessions';

/** What a check is about: a class's students, or (class null) a school's staff. */
export type CheckTarget = { kind: 'class'; classId: number } | { kind: 'staff'; schoolId: number };

export interface TargetInfo {
  schoolId: number;
  classId: number | null;
  boarding: boolean;
  sessions: SessionRule[];
}

export async function targetInfo(db: Kysely<Database>, target: CheckTarget): Promise<TargetInfo | null> {
  const school = target.kind === 'class'
    ? await db.selectFrom('classes').innerJoin('schools', 'schools.id', 'classes.school_id').select(['schools.id', 'schools.boarding']).where('classes.id', '=', target.classId).executeTakeFirst()
    : await db.selectFrom('schools').select(['id', 'boarding']).where('id', '=', target.schoolId).executeTakeFirst();
  if (!school) return null;
  const configured = await db.selectFrom('check_sessions').select(['session', 'deadline']).where('school_id', '=', school.id).execute();
  return { schoolId: school.id, classId: target.kind === 'class' ? target.classId : null, boarding: school.boarding, sessions: sessionsOf(configured, school.boarding) };
}

/** The people a check covers: active students of the class, or active staff of the school. */
export function rosterQuery(db: Kysely<Database>, info: TargetInfo) {
  let q = db.selectFrom('persons').select(['id', 'name', sql<string | null>`coalesce(student_number, staff_role)`.as('number')]).where('active', '=', true);
  q = info.classId != null ? q.where('class_id', '=', info.classId).where('kind', '=', 'student') : q.where('school_id', '=', info.schoolId).where('kind', '=', 'staff');
  return q.orderBy('student_number').orderBy('id');
}

export function findCheck(db: Kysely<Database>, info: TargetInfo, date: string, session: string) {
  let q = db.selectFrom('class_checks').selectAll().where('check_date', '=', date).where('session', '=', session as 'morning');
  q = info.classId != null ? q.where('class_id', '=', info.classId) : q.where('school_id', '=', info.schoolId).where('class_id', 'is', null);
  return q;
}

export function countsOf(row: { expected: number; present: number; absent_ill: number; absent_other: number; symptomatic: number }, symptoms: Record<string, number>): CheckCounts {
  return { expected: row.expected, present: row.present, absentIll: row.absent_ill, absentOther: row.absent_other, symptomatic: row.symptomatic, symptoms };
}

/** Symptom counts of a stored check, as the roll-up counts them (absent-other people's symptoms are not counted). */
export async function storedSymptoms(db: Kysely<Database>, checkId: number): Promise<Record<string, number>> {
  const rows = await sql<{ s: string; n: number }>`select s, count(distinct e.person_id)::int as n from check_exceptions e, unnest(e.symptoms) s
    where e.check_id = ${checkId} and e.status <> 'absent_other' group by s`.execute(db);
  return Object.fromEntries(rows.rows.map((r) => [r.s, Number(r.n)]));
}

export function toStoredCheck(row: { id: number; school_id: number; class_id: number | null; check_date: string; session: string; version: number; late: boolean; zero_report: boolean; online: boolean; flags: string[]; expected: number; present: number; absent_ill: number; absent_other: number; symptomatic: number; submitted_at: Date }, symptoms: Record<string, number>) {
  return {
    id: row.id, schoolId: row.school_id, classId: row.class_id, date: row.check_date, session: row.session, version: row.version, late: row.late,
    zeroReport: row.zero_report, online: row.online, flags: row.flags, counts: countsOf(row, symptoms), submittedAt: row.submitted_at.toISOString(),
  };
}
