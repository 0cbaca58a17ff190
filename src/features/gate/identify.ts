import type { RawBuilder } from 'kysely';
import type { Static } from 'typebox';
import type { Trx } from '../../db/transaction';
import { verifyPersonCode } from '../../domain/gate/person-code';
import { idNumberProblem, normaliseIdNumber } from '../../domain/people/id-number';
import type { AppContext } from '../../http/context';
import { AppError } from '../../http/errors';
import { campusKeys } from '../venue-codes/keys';
import type { GateSubject } from './schema';

export interface GatePersonRef {
  personId: number | null;
  visitorId: number | null;
  kind: string;
  name: string;
  className: string | null;
  idNumberMasked: string | null;
  identifiedBy: 'number' | 'id_number' | 'person_code' | 'person_id' | 'visitor';
}

type Subject = Static<typeof GateSubject>;

/** Which one way the subject names the person; more or fewer than one is an error naming `subject`. */
export function subjectWay(subject: Subject): keyof Subject {
  const given = (Object.keys(subject) as (keyof Subject)[]).filter((k) => subject[k] !== undefined);
  if (given.length !== 1) throw new AppError('gate.subject_required', 400, { field: 'subject' });
  return given[0];
}

/**
 * Finds a member of the school (student or staff) at the gate. Everything is looked up within the
 * venue's school, so a guard can never reach another school's people through the gate.
 */
export async function identifyMember(ctx: AppContext, db: AppContext['db'] | Trx, schoolId: number, subject: Subject, extra: RawBuilder<unknown>[] = []): Promise<GatePersonRef & { extra: unknown[] }> {
  const way = subjectWay(subject);
  const base = db
    .selectFrom('persons')
    .leftJoin('classes', 'classes.id', 'persons.class_id')
    .leftJoin('grades', 'grades.id', 'classes.grade_id')
    .select(['persons.id', 'persons.kind', 'persons.name', 'persons.id_number_masked', 'grades.name as grade_name', 'classes.name as class_name'])
    .select(extra.map((column, i) => column.as(`extra_${i}`)))
    .where('persons.school_id', '=', schoolId)
    .where('persons.active', '=', true);
  let row: Awaited<ReturnType<typeof base.executeTakeFirst>>;
  let identifiedBy: GatePersonRef['identifiedBy'];
  if (way === 'studentNumber') {
    identifiedBy = 'number';
    row = await base.where('persons.kind', '=', 'student').where('persons.student_number', '=', subject.studentNumber!.trim()).executeTakeFirst();
  } else if (way === 'idNumber') {
    identifiedBy = 'id_number';
    const id = normaliseIdNumber(subject.idNumber!);
    const problem = idNumberProblem(id);
    if (problem) throw new AppError(`person.id_number_${problem}`, 400, { field: 'subject/idNumber' });
    // Students and staff first: a co-resident with the same number is not the one at the gate.
    row = await base.where('persons.id_number_hash', '=', ctx.cipher.lookupHash(id)).orderBy('persons.kind', 'desc').executeTakeFirst();
  } else if (way === 'personCode') {
    identifiedBy = 'person_code';
    const check = verifyPersonCode(campusKeys(ctx.cipher).person, subject.personCode!);
    if (!check.ok) throw new AppError('gate.person_code_invalid', 400, { field: 'subject/personCode' });
    row = await base.where('persons.id', '=', check.personId).executeTakeFirst();
  } else if (way === 'personId') {
    identifiedBy = 'person_id';
    row = await base.where('persons.id', '=', subject.personId!).executeTakeFirst();
  } else {
    throw new AppError('gate.subject_required', 400, { field: 'subject' });
  }
  if (!row) throw new AppError('gate.person_unknown', 404, { field: `subject/${way}` });
  if (row.kind === 'co_resident') throw new AppError('gate.person_not_member', 400, { field: `subject/${way}` });
  return {
    personId: row.id, visitorId: null, kind: row.kind, name: row.name, idNumberMasked: row.id_number_masked, identifiedBy,
    extra: extra.map((_, i) => (row as unknown as Record<string, unknown>)[`extra_${i}`]),
    className: row.grade_name && row.class_name ? `${row.grade_name}${row.class_name}` : null,
  };
}

export async function identifyVisitor(db: AppContext['db'] | Trx, schoolId: number, visitorId: number): Promise<GatePersonRef> {
  const v = await db.selectFrom('visitors').select(['id', 'name', 'id_number_masked']).where('id', '=', visitorId).where('school_id', '=', schoolId).executeTakeFirst();
  if (!v) throw new AppError('gate.visitor_unknown', 404, { field: 'subject/visitorId' });
  return { personId: null, visitorId: v.id, kind: 'visitor', name: v.name, className: null, idNumberMasked: v.id_number_masked, identifiedBy: 'visitor' };
}
