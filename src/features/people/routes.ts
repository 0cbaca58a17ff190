import { Type } from 'typebox';
import { can } from '../../domain/access/permissions';
import type { AppContext } from '../../http/context';
import { IdParams, OkResponse } from '../../http/schema';
import type { App } from '../../http/types';
import { buildWorkbook, sendXlsx } from '../../shared/excel';
import { writeAudit } from '../audit/write-audit';
import { canReadAny, HOUSEHOLD_READABLE_WITH } from './person-file-sections';
import { listPeople } from './queries';
import { CreatePersonBody, PersonFile, PersonList, PersonListQuery, UnmaskBody, UpdatePersonBody } from './schema';
import { createPerson, personFile, unmask, updatePerson } from './service';

const KIND_ZH: Record<string, string> = { student: '学生', staff: '教职工', co_resident: '共同居住人' };

export function registerPeopleRoutes(app: App, ctx: AppContext) {
  const tags = ['people'];

  app.get('/api/people', { config: { access: 'person.read' }, schema: { tags, querystring: PersonListQuery, response: { 200: PersonList } } }, async (req) => {
    const result = await listPeople(ctx.db, req.actor!.scope, req.query, { withCoResidents: canReadAny(req.actor!, HOUSEHOLD_READABLE_WITH) });
    await writeAudit(ctx.db, req.actor, { action: 'person.list', objectType: 'person', detail: { filter: req.query, count: result.items.length }, ip: req.ip });
    return { ...result, can: { create: can(req.actor, 'person.write'), export: can(req.actor, 'person.export'), unmask: can(req.actor, 'person.unmask') } };
  });

  app.get('/api/people/export', { config: { access: 'person.export' }, schema: { tags, querystring: PersonListQuery } }, async (req, reply) => {
    const { items } = await listPeople(ctx.db, req.actor!.scope, { ...req.query, limit: 100_000, offset: 0 });
    await writeAudit(ctx.db, req.actor, { action: 'person.export', objectType: 'person', detail: { filter: req.query, count: items.length }, ip: req.ip });
    const file = await buildWorkbook('人员名单', [
      { header: '类别', value: (r) => KIND_ZH[r.kind] ?? r.kind },
      { header: '姓名', value: (r) => r.name },
      { header: '性别', value: (r) => (r.gender === 'male' ? '男' : r.gender === 'female' ? '女' : '') },
      { header: '出生日期', value: (r) => r.birthDate },
      { header: '身份证号（脱敏）', text: true, width: 22, value: (r) => r.idNumberMasked },
      { header: '学校', width: 24, value: (r) => r.schoolName },
      { header: '班级', value: (r) => r.className },
      { header: '学籍号', text: true, width: 20, value: (r) => r.studentNumber },
      { header: '岗位', value: (r) => r.staffRole },
      { header: '重点岗位', value: (r) => r.keyPosition },
      { header: '关系', value: (r) => r.relation },
      { header: '职业', value: (r) => r.occupation },
      { header: '高风险职业', value: (r) => (r.highRiskOccupation ? '是' : '') },
      { header: '电话（脱敏）', text: true, value: (r) => r.phoneMasked },
    ], items);
    return sendXlsx(reply, '人员名单.xlsx', file);
  });

  app.get('/api/people/:id', { config: { access: 'person.read' }, schema: { tags, params: IdParams, response: { 200: PersonFile } } }, (req) =>
    personFile(ctx, req.actor!, req.params.id, req.ip),
  );

  app.post('/api/people', { config: { access: 'person.write' }, schema: { tags, body: CreatePersonBody, response: { 200: Type.Object({ id: Type.Number() }) } } }, (req) =>
    createPerson(ctx, req.actor!, req.body, req.ip),
  );

  app.patch('/api/people/:id', { config: { access: 'person.write' }, schema: { tags, params: IdParams, body: UpdatePersonBody, response: { 200: OkResponse } } }, async (req) => {
    await updatePerson(ctx, req.actor!, req.params.id, req.body, req.ip);
    return { ok: true };
  });

  app.post('/api/people/:id/unmask', { config: { access: 'person.unmask' }, schema: { tags, params: IdParams, body: UnmaskBody, response: { 200: Type.Object({ value: Type.Union([Type.String(), Type.Null()]) }) } } }, (req) =>
    unmask(ctx, req.actor!, req.params.id, req.body.field as 'idNumber' | 'phone' | 'guardianPhone', req.ip, req.body.guardianId),
  );
}
