import { maskStudentNumber } from '../../domain/people/id-number';
import { personInScope } from '../../db/scope';
import { can } from '../../domain/access/permissions';
import type { Actor } from '../../domain/access/scope';
import { columnsOf, type FieldKey, GENDER_LABELS, KEY_POSITION_LABELS, type RosterKind, STAFF_ROLE_LABELS } from '../../domain/roster/columns';
import type { AppContext } from '../../http/context';
import { AppError } from '../../http/errors';
import { writeAudit } from '../audit/write-audit';
import { assertSchoolInScope } from '../scope-guard';
import { buildRosterWorkbook, KIND_LABEL } from './workbook';

interface GuardianOut {
  name: string;
  relation: string;
  phone: string | null;
}

/**
 * The school's roster in the template's layout. ID numbers and phones are masked unless `full` is
 * asked for by a holder of the unmask permission; either way the export is audited.
 */
export async function exportRoster(ctx: AppContext, actor: Actor, o: { schoolId: number; kind: RosterKind; full: boolean; ip?: string | null }) {
  await assertSchoolInScope(ctx, actor, o.schoolId);
  if (o.full && !can(actor, 'person.unmask')) {
    await writeAudit(ctx.db, actor, { action: 'roster.export', objectType: 'school', objectId: o.schoolId, result: 'denied', detail: { kind: o.kind, full: true }, ip: o.ip });
    throw new AppError('error.forbidden', 403, { field: 'full' });
  }
  const reveal = (sealed: string | null, masked: string | null) => (o.full ? (sealed ? ctx.cipher.decrypt(sealed) : null) : masked);
  const people = await ctx.db
    .selectFrom('persons')
    .leftJoin('classes', 'classes.id', 'persons.class_id')
    .leftJoin('grades', 'grades.id', 'classes.grade_id')
    .leftJoin('dorms', 'dorms.id', 'persons.dorm_id')
    .select([
      'persons.id', 'persons.name', 'persons.gender', 'persons.birth_date', 'persons.id_number_enc', 'persons.id_number_masked', 'persons.phone_enc', 'persons.phone_masked',
      'persons.student_number', 'persons.staff_role', 'persons.key_position', 'grades.name as grade_name', 'classes.name as class_name', 'dorms.building', 'dorms.room',
    ])
    .where('persons.school_id', '=', o.schoolId)
    .where('persons.kind', '=', o.kind)
    .where('persons.active', '=', true)
    .where(personInScope(actor.scope, 'persons'))
    .orderBy('grades.sort_order')
    .orderBy('grades.name')
    .orderBy('classes.sort_order')
    .orderBy('classes.name')
    .orderBy('persons.student_number')
    .orderBy('persons.id')
    .execute();
  const guardians = new Map<number, GuardianOut[]>();
  if (o.kind === 'student') {
    const rows = await ctx.db
      .selectFrom('guardians')
      .innerJoin('persons', 'persons.id', 'guardians.student_id')
      .select(['guardians.student_id', 'guardians.name', 'guardians.relation', 'guardians.phone_enc', 'guardians.phone_masked'])
      .where('persons.school_id', '=', o.schoolId)
      .where('persons.kind', '=', 'student')
      .where(personInScope(actor.scope, 'persons'))
      .orderBy('guardians.id')
      .execute();
    for (const g of rows) {
      const list = guardians.get(g.student_id) ?? [];
      list.push({ name: g.name, relation: g.relation, phone: reveal(g.phone_enc, g.phone_masked) });
      guardians.set(g.student_id, list);
    }
  }
  const columns = columnsOf(o.kind);
  const rows = people.map((p) => {
    const [g1, g2] = guardians.get(p.id) ?? [];
    const values: Record<FieldKey, string | null> = {
      name: p.name,
      gender: p.gender ? GENDER_LABELS[p.gender] : null,
      birthDate: p.birth_date,
      idNumber: reveal(p.id_number_enc, p.id_number_masked),
      studentNumber: o.full ? p.student_number : maskStudentNumber(p.student_number),
      gradeName: p.grade_name,
      className: p.class_name,
      dormBuilding: p.building,
      dormRoom: p.room,
      guardianName: g1?.name ?? null,
      guardianRelation: g1?.relation ?? null,
      guardianPhone: g1?.phone ?? null,
      guardian2Name: g2?.name ?? null,
      guardian2Relation: g2?.relation ?? null,
      guardian2Phone: g2?.phone ?? null,
      phone: reveal(p.phone_enc, p.phone_masked),
      staffRole: p.staff_role ? STAFF_ROLE_LABELS[p.staff_role] : null,
      keyPosition: p.key_position ? KEY_POSITION_LABELS[p.key_position] : p.staff_role && ['security', 'cleaning', 'catering', 'dormitory'].includes(p.staff_role) ? '否' : null,
    };
    return columns.map((c) => values[c.key]);
  });
  await writeAudit(ctx.db, actor, { action: 'roster.export', objectType: 'school', objectId: o.schoolId, detail: { kind: o.kind, full: o.full, count: rows.length }, ip: o.ip });
  const file = await buildRosterWorkbook(o.kind, rows, { masked: !o.full });
  const school = await ctx.db.selectFrom('schools').select('name').where('id', '=', o.schoolId).executeTakeFirstOrThrow();
  return { file, filename: `${school.name}${KIND_LABEL[o.kind]}名单${o.full ? '' : '（脱敏）'}.xlsx` };
}
