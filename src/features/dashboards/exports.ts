import { sql } from 'kysely';
import type { Actor } from '../../domain/access/scope';
import { shanghaiDate, shanghaiTime } from '../../domain/checks/sessions';
import type { AppContext } from '../../http/context';
import { schoolDiseases } from '../../reference';
import { buildWorkbook } from '../../shared/excel';
import { classKey, presetStatusesForClasses } from '../checks/roster-status';
import { writeAudit } from '../audit/write-audit';
import { assertSchoolInScope } from '../scope-guard';

const SESSION_ZH: Record<string, string> = { morning: '晨检', noon: '午检', evening: '晚检' };
const STATUS_ZH: Record<string, string> = {
  absent_ill: '因病缺勤', absent_other: '其他原因缺勤', present_symptomatic: '带症状到校', isolated: '隔离中（计入因病缺勤）', on_leave: '请假（计入其他原因缺勤）',
};
const METHOD_ZH: Record<string, string> = { phone: '电话', wechat: '微信', sms: '短信', visit: '家访', other: '其他' };
const symptomZh = (codes: string[]) => {
  const names = new Map(schoolDiseases().symptoms.map((s) => [s.code, s.nameZh]));
  return codes.map((c) => names.get(c) ?? c).join('、');
};
// Local (Asia/Shanghai) date and time as text: a Date cell would be written as UTC, so a check sent
// at 07:40 would show the previous day.
const localTime = (at: Date | null) => (at ? `${shanghaiDate(at)} ${shanghaiTime(at)}` : '');
const diseaseZh = (code: string | null) => (code ? (schoolDiseases().diseases.find((d) => d.code === code)?.nameZh ?? code) : '');

/** 晨午检登记表: one line per class and session, then one per person with something to report. */
export async function checkRegister(ctx: AppContext, actor: Actor, schoolId: number, date: string) {
  await assertSchoolInScope(ctx, actor, schoolId);
  const school = await ctx.db.selectFrom('schools').select('name').where('id', '=', schoolId).executeTakeFirstOrThrow();
  const raw = await sql<{ class_id: number | null; person_id: number | null; session: string; class_name: string | null; expected: number; present: number; absent_ill: number; absent_other: number; symptomatic: number; late: boolean; submitted_at: Date; reporter: string | null; person: string | null; status: string | null; symptoms: string[] | null; temperature: number | null; note: string | null }>`
    select c.class_id, c.session, g.name || cl.name as class_name, c.expected, c.present, c.absent_ill, c.absent_other, c.symptomatic, c.late, c.submitted_at, a.display_name as reporter,
      e.person_id, p.name as person, e.status, e.symptoms, e.temperature, e.note
    from class_checks c left join classes cl on cl.id = c.class_id left join grades g on g.id = cl.grade_id left join accounts a on a.id = c.submitted_by
      left join check_exceptions e on e.check_id = c.id left join persons p on p.id = e.person_id
    where c.school_id = ${schoolId} and c.check_date = ${date}
    order by case c.session when 'morning' then 0 when 'noon' then 1 else 2 end, c.class_id nulls last, p.name`.execute(ctx.db);
  const rows = { rows: await withPresetPersons(ctx, raw.rows, date) };
  await writeAudit(ctx.db, actor, { action: 'check.export', objectType: 'school', objectId: schoolId, detail: { date, rows: rows.rows.length } });
  return buildWorkbook('晨午检登记表', [
    { header: '日期', value: () => date },
    { header: '时段', value: (r) => SESSION_ZH[r.session] ?? r.session },
    { header: '班级', width: 14, value: (r) => r.class_name ?? '教职工' },
    { header: '应到', value: (r) => r.expected },
    { header: '实到', value: (r) => r.present },
    { header: '因病缺勤', value: (r) => r.absent_ill },
    { header: '事假等缺勤', value: (r) => r.absent_other },
    { header: '有症状人数', value: (r) => r.symptomatic },
    { header: '姓名', value: (r) => r.person },
    { header: '情况', width: 14, value: (r) => (r.status ? (STATUS_ZH[r.status] ?? r.status) : '') },
    { header: '症状', width: 20, value: (r) => symptomZh(r.symptoms ?? []) },
    { header: '体温(℃)', value: (r) => r.temperature },
    { header: '备注', width: 20, value: (r) => r.note },
    { header: '检查人', value: (r) => r.reporter },
    { header: '上报时间', width: 18, value: (r) => localTime(r.submitted_at) },
    { header: '迟报', value: (r) => (r.late ? '是' : '') },
  ], rows.rows, `${school.name} 晨午检登记表（${date}）`);
}

/** 因病缺勤追踪登记表: one line per episode opened in the range, with follow-up and return. */
export async function absenceRegister(ctx: AppContext, actor: Actor, schoolId: number, from: string, to: string) {
  await assertSchoolInScope(ctx, actor, schoolId);
  const school = await ctx.db.selectFrom('schools').select('name').where('id', '=', schoolId).executeTakeFirstOrThrow();
  const rows = await sql<{ class_name: string | null; name: string; gender: string | null; opened_on: string; last_absent_on: string; symptoms: string[]; onset_date: string | null; guardian_contacted_at: Date | null; guardian_contact_method: string | null; doctor_visit: boolean | null; hospital: string | null; diagnosis_code: string | null; diagnosis_text: string | null; expected_return: string | null; closed_on: string | null; certificate: string | null }>`
    select g.name || cl.name as class_name, p.name, p.gender, e.opened_on, e.last_absent_on, e.symptoms, e.onset_date, e.guardian_contacted_at, e.guardian_contact_method,
      e.doctor_visit, e.hospital, e.diagnosis_code, e.diagnosis_text, e.expected_return, e.closed_on, rc.hospital as certificate
    from absence_episodes e join persons p on p.id = e.person_id left join classes cl on cl.id = e.class_id left join grades g on g.id = cl.grade_id
      left join return_certificates rc on rc.id = e.closed_by_certificate
    where e.school_id = ${schoolId} and e.opened_on between ${from} and ${to} order by e.opened_on, e.id`.execute(ctx.db);
  await writeAudit(ctx.db, actor, { action: 'absence.export', objectType: 'school', objectId: schoolId, detail: { from, to, rows: rows.rows.length } });
  return buildWorkbook('因病缺勤追踪登记表', [
    { header: '班级', width: 14, value: (r) => r.class_name },
    { header: '姓名', value: (r) => r.name },
    { header: '性别', value: (r) => (r.gender === 'male' ? '男' : r.gender === 'female' ? '女' : '') },
    { header: '缺勤日期', width: 12, value: (r) => (r.last_absent_on !== r.opened_on ? `${r.opened_on}至${r.last_absent_on}` : r.opened_on) },
    { header: '主要症状', width: 20, value: (r) => symptomZh(r.symptoms) },
    { header: '发病日期', width: 12, value: (r) => r.onset_date },
    { header: '联系家长时间', width: 18, value: (r) => localTime(r.guardian_contacted_at) },
    { header: '联系方式', value: (r) => (r.guardian_contact_method ? METHOD_ZH[r.guardian_contact_method] : '') },
    { header: '是否就诊', value: (r) => (r.doctor_visit == null ? '' : r.doctor_visit ? '是' : '否') },
    { header: '就诊医院', width: 18, value: (r) => r.hospital },
    { header: '诊断', width: 16, value: (r) => diseaseZh(r.diagnosis_code) || r.diagnosis_text },
    { header: '预计复课日期', width: 12, value: (r) => r.expected_return },
    { header: '复课日期', width: 12, value: (r) => r.closed_on },
    { header: '复课证明', width: 18, value: (r) => r.certificate },
  ], rows.rows, `${school.name} 因病缺勤追踪登记表（${from}至${to}）`);
}

/**
 * The register names everyone its counts include: children isolated or on approved leave are counted
 * absent by the check without being entered (deriveCounts), so they are listed after each class's own
 * exceptions, with their status.
 */
async function withPresetPersons<R extends { class_id: number | null; session: string; person_id: number | null; person: string | null; status: string | null; symptoms: string[] | null; temperature: number | null; note: string | null }>(ctx: AppContext, rows: R[], date: string): Promise<R[]> {
  const classIds = [...new Set(rows.map((r) => r.class_id).filter((id): id is number => id != null).map(Number))];
  if (!classIds.length) return rows;
  const presets = await presetStatusesForClasses(ctx.db, classIds.map((classId) => ({ classId, date })));
  const ids = [...new Set([...presets.values()].flatMap((m) => [...m.keys()]))];
  if (!ids.length) return rows;
  const names = new Map((await ctx.db.selectFrom('persons').select(['id', 'name']).where('id', 'in', ids).execute()).map((p) => [p.id, p.name]));
  const sameCheck = (a: R, b: R | undefined) => b !== undefined && b.class_id === a.class_id && b.session === a.session;
  const out: R[] = [];
  rows.forEach((r, i) => {
    out.push(r);
    if (r.class_id == null || sameCheck(r, rows[i + 1])) return;
    const entered = new Set(rows.filter((x) => sameCheck(r, x)).map((x) => Number(x.person_id)));
    for (const [personId, status] of presets.get(classKey(Number(r.class_id), date)) ?? []) {
      if (entered.has(personId)) continue;
      out.push({ ...r, person_id: personId, person: names.get(personId) ?? '', status, symptoms: [], temperature: null, note: null });
    }
  });
  return out;
}
