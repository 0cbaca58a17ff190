import { sql } from 'kysely';
import { Type, type Static } from 'typebox';
import { personInScope } from '../../db/scope';
import { inTransaction } from '../../db/transaction';
import type { Actor } from '../../domain/access/scope';
import { birthDateFromId } from '../../domain/people/id-number';
import { checkVaccination } from '../../domain/vaccination/check';
import type { AppContext } from '../../http/context';
import { AppError } from '../../http/errors';
import { DateString, Strict } from '../../http/schema';
import { writeAudit } from '../audit/write-audit';
import { schoolDate } from '../gate/person-state';
import { assertPersonInScope, assertSchoolInScope } from '../scope-guard';
import { immunisationSchedule } from './schedule';

export const DosesBody = Strict({
  personId: Type.Integer({ minimum: 1 }),
  doses: Type.Array(Strict({ vaccine: Type.String({ minLength: 1, maxLength: 20 }), doseNumber: Type.Integer({ minimum: 1, maximum: 10 }), givenOn: DateString, source: Type.Optional(Type.Union([Type.Literal('certificate'), Type.Literal('catch_up')])) }), { minItems: 1, maxItems: 60 }),
});
export const CheckBody = Strict({ personId: Type.Integer({ minimum: 1 }), checkedOn: Type.Optional(DateString) });
export const FollowUpBody = Strict({ followUp: Type.Union([Type.Literal('referred'), Type.Literal('caught_up')]), note: Type.Optional(Type.String({ maxLength: 200 })) });
export const CoverageQuery = Strict({ schoolId: Type.Integer({ minimum: 1 }) });

async function student(ctx: AppContext, actor: Actor, personId: number) {
  const { kind } = await assertPersonInScope(ctx, actor, personId);
  if (kind !== 'student') throw new AppError('vaccination.not_student', 400, { field: 'personId' });
  const p = await ctx.db.selectFrom('persons').select(['school_id', 'class_id', 'birth_date', 'id_number_enc']).where('id', '=', personId).executeTakeFirstOrThrow();
  // A roster without birth dates still has ID numbers, which carry the birth date.
  const birth = p.birth_date ?? (p.id_number_enc ? birthDateFromId(ctx.cipher.decrypt(p.id_number_enc)) : null);
  if (!birth) throw new AppError('vaccination.no_birth_date', 400, { field: 'personId' });
  return { schoolId: p.school_id, classId: p.class_id, birthDate: birth };
}

/** Records doses from the certificate; a dose already recorded (same vaccine and number) is kept, not doubled. */
export async function recordDoses(ctx: AppContext, actor: Actor, body: Static<typeof DosesBody>, ip: string) {
  const s = await student(ctx, actor, body.personId);
  const today = schoolDate(ctx.now());
  const specs = new Map(immunisationSchedule().vaccines.map((v) => [v.code, v]));
  body.doses.forEach((d, i) => {
    const spec = specs.get(d.vaccine);
    if (!spec) throw new AppError('vaccination.vaccine_unknown', 400, { field: `doses/${i}/vaccine` });
    if (d.doseNumber > Math.max(spec.doses.length, spec.alternative?.doses.length ?? 0)) throw new AppError('vaccination.dose_too_high', 400, { field: `doses/${i}/doseNumber` });
    if (d.givenOn < s.birthDate || d.givenOn > today) throw new AppError('vaccination.date_invalid', 400, { field: `doses/${i}/givenOn` });
  });
  return inTransaction(ctx.db, async (trx) => {
    const added = await trx
      .insertInto('vaccination_doses')
      .values(body.doses.map((d) => ({ person_id: body.personId, school_id: s.schoolId, vaccine: d.vaccine, dose_number: d.doseNumber, given_on: d.givenOn, source: d.source ?? 'certificate', recorded_by: actor.accountId, recorded_at: ctx.now() })))
      .onConflict((oc) => oc.columns(['person_id', 'vaccine', 'dose_number']).doNothing())
      .returning('vaccine')
      .execute();
    await writeAudit(trx, actor, { action: 'vaccination.doses', objectType: 'person', objectId: body.personId, detail: { added: added.length }, ip });
    return { added: added.length, alreadyRecorded: body.doses.length - added.length };
  });
}

/** Checks the certificate against the schedule on the day and stores the result with the missing doses. */
export async function runCheck(ctx: AppContext, actor: Actor, body: Static<typeof CheckBody>, ip: string) {
  const s = await student(ctx, actor, body.personId);
  const on = body.checkedOn ?? schoolDate(ctx.now());
  if (on < s.birthDate) throw new AppError('vaccination.date_invalid', 400, { field: 'checkedOn' });
  const rows = await ctx.db.selectFrom('vaccination_doses').select(['vaccine', sql<number>`count(*)::int`.as('n')]).where('person_id', '=', body.personId).where('given_on', '<=', on).groupBy('vaccine').execute();
  const result = checkVaccination(immunisationSchedule(), s.birthDate, on, Object.fromEntries(rows.map((r) => [r.vaccine, Number(r.n)])));
  return inTransaction(ctx.db, async (trx) => {
    const row = await trx
      .insertInto('vaccination_checks')
      .values({ person_id: body.personId, school_id: s.schoolId, class_id: s.classId, checked_on: on, complete: result.complete, missing: JSON.stringify(result.missing), checked_by: actor.accountId, checked_at: ctx.now() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, actor, { action: 'vaccination.check', objectType: 'person', objectId: body.personId, detail: { check: row.id, complete: result.complete }, ip });
    return { id: row.id, ...result };
  });
}

export async function followUp(ctx: AppContext, actor: Actor, id: number, body: Static<typeof FollowUpBody>, ip: string) {
  const c = await ctx.db.selectFrom('vaccination_checks').select(['person_id']).where('id', '=', id).executeTakeFirst();
  if (!c) throw new AppError('error.not_found', 404);
  await assertPersonInScope(ctx, actor, c.person_id);
  await inTransaction(ctx.db, async (trx) => {
    await trx.updateTable('vaccination_checks').set({ follow_up: body.followUp, follow_up_note: body.note ?? '' }).where('id', '=', id).execute();
    await writeAudit(trx, actor, { action: 'vaccination.follow_up', objectType: 'person', objectId: c.person_id, detail: { check: id, followUp: body.followUp }, ip });
  });
}

/** Coverage per class from each student's latest check, and the students still missing doses. */
export async function coverage(ctx: AppContext, actor: Actor, schoolId: number, ip: string) {
  await assertSchoolInScope(ctx, actor, schoolId);
  const latest = sql`(select distinct on (vc.person_id) vc.* from vaccination_checks vc where vc.school_id = ${schoolId} order by vc.person_id, vc.checked_at desc, vc.id desc)`;
  const rows = await sql<{ class_id: number; class_name: string; students: number; checked: number; complete: number }>`
    select c.id as class_id, g.name || c.name as class_name, count(p.id)::int as students, count(l.person_id)::int as checked, count(l.person_id) filter (where l.complete)::int as complete
    from classes c join grades g on g.id = c.grade_id
    join persons p on p.class_id = c.id and p.kind = 'student' and p.active and ${personInScope(actor.scope, 'p')}
    left join ${latest} l on l.person_id = p.id
    where c.school_id = ${schoolId}
    group by c.id, g.name, c.name, g.entry_year, c.sort_order order by g.entry_year desc, c.sort_order, c.id`.execute(ctx.db);
  const missing = await sql<{ id: number; person_id: number; name: string; class_name: string; missing: unknown; follow_up: string }>`
    select l.id, l.person_id, p.name, g.name || c.name as class_name, l.missing, l.follow_up
    from ${latest} l join persons p on p.id = l.person_id left join classes c on c.id = p.class_id left join grades g on g.id = c.grade_id
    where not l.complete and ${personInScope(actor.scope, 'p')} order by c.id, p.id limit 2000`.execute(ctx.db);
  await writeAudit(ctx.db, actor, { action: 'vaccination.coverage', objectType: 'school', objectId: schoolId, detail: { missing: missing.rows.length }, ip });
  const pct = (a: number, b: number) => (b ? Math.round((a / b) * 1000) / 10 : 0);
  const classes = rows.rows.map((r) => ({ classId: r.class_id, className: r.class_name, students: r.students, checked: r.checked, complete: r.complete, rate: pct(r.complete, r.students) }));
  const total = classes.reduce((a, c) => ({ students: a.students + c.students, checked: a.checked + c.checked, complete: a.complete + c.complete }), { students: 0, checked: 0, complete: 0 });
  return {
    school: { ...total, rate: pct(total.complete, total.students) },
    classes,
    missing: missing.rows.map((m) => ({ checkId: m.id, personId: m.person_id, name: m.name, className: m.class_name, missing: m.missing as { code: string; missing: number }[], followUp: m.follow_up })),
  };
}
