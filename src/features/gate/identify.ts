import type { Static } from 'typebox';
import type { Trx } from '../../db/transaction';
import { verifyPersonCode } from '../../domain/gate/person-code';
import { idNumberProblem, normaliseIdNumber } from '../../domain/people/id-number';
import type { AppContext } from '../../http/context';
import { AppError } from '../../http/errors';
import { campusKeys } from '../venue-codes/keys';
import type { MemberQuery } from './member-batch';
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
 * What to look up for a member of the school (student or staff) at the gate, validated before any
 * read: an ID number's check digit, a person code's signature. Everything is looked up within the
 * venue's school, so a guard can never reach another school's people through the gate. The read
 * itself is grouped with the other entries in flight (member-batch.ts).
 */
export function memberQuery(ctx: AppContext, schoolId: number, subject: Subject): MemberQuery {
  const way = subjectWay(subject);
  const base = { schoolId, field: `subject/${way}`, now: ctx.now() };
  if (way === 'studentNumber') return { ...base, by: 'number', value: subject.studentNumber!.trim() };
  if (way === 'idNumber') {
    const id = normaliseIdNumber(subject.idNumber!);
    const problem = idNumberProblem(id);
    if (problem) throw new AppError(`person.id_number_${problem}`, 400, { field: 'subject/idNumber' });
    return { ...base, by: 'id_number', value: ctx.cipher.lookupHash(id) };
  }
  if (way === 'personCode') {
    const check = verifyPersonCode(campusKeys(ctx.cipher).person, subject.personCode!);
    if (!check.ok) throw new AppError('gate.person_code_invalid', 400, { field: 'subject/personCode' });
    return { ...base, by: 'person_code', value: check.personId };
  }
  if (way === 'personId') return { ...base, by: 'person_id', value: subject.personId! };
  throw new AppError('gate.subject_required', 400, { field: 'subject' });
}

export async function identifyVisitor(db: AppContext['db'] | Trx, schoolId: number, visitorId: number): Promise<GatePersonRef> {
  const v = await db.selectFrom('visitors').select(['id', 'name', 'id_number_masked']).where('id', '=', visitorId).where('school_id', '=', schoolId).executeTakeFirst();
  if (!v) throw new AppError('gate.visitor_unknown', 404, { field: 'subject/visitorId' });
  return { personId: null, visitorId: v.id, kind: 'visitor', name: v.name, className: null, idNumberMasked: v.id_number_masked, identifiedBy: 'visitor' };
}
