import QRCode from 'qrcode';
import { Type } from 'typebox';
import { can } from '../../domain/access/permissions';
import type { Actor } from '../../domain/access/scope';
import { signPersonCode } from '../../domain/gate/person-code';
import type { AppContext } from '../../http/context';
import { AppError } from '../../http/errors';
import { IdParams, OkResponse } from '../../http/schema';
import type { App } from '../../http/types';
import { t } from '../../i18n';
import { buildWorkbook, sendXlsx } from '../../shared/excel';
import { writeAudit } from '../audit/write-audit';
import { inTransaction } from '../../db/transaction';
import { assertPersonInScope, assertSchoolInScope } from '../scope-guard';
import { campusKeys } from '../venue-codes/keys';
import { headcount, listLedger, visitorLog } from './ledger';
import { lookupAtGate, recordEntry } from './record-entry';
import { EntryResponse, Headcount, LedgerList, LedgerQuery, LookupBody, LookupResponse, PersonCodeResponse, RecordEntryBody, SchoolDayQuery, VisitorRow } from './schema';

const KIND_ZH: Record<string, string> = { student: '学生', staff: '教职工', visitor: '访客' };
/** The ledger is read as paper (出入台账): the health-code colour in words, not the stored code. */
const HEALTH_CODE_ZH: Record<string, string> = { green: '绿码', yellow: '黄码', red: '红码', unknown: '未知' };
const yesNo = (v: boolean | null) => (v === null ? '' : v ? '是' : '否');

export function registerGateRoutes(app: App, ctx: AppContext) {
  const tags = ['gate'];

  app.post('/api/gate/lookup', { config: { access: 'gate.record' }, schema: { tags, body: LookupBody, response: { 200: LookupResponse } } }, (req) =>
    lookupAtGate(ctx, req.actor!, req.body, req.ip),
  );

  app.post('/api/gate/entries', { config: { access: 'gate.record' }, schema: { tags, body: RecordEntryBody, response: { 200: EntryResponse } } }, (req) =>
    recordEntry(ctx, req.actor!, req.body, req.ip),
  );

  app.get('/api/gate/entries', { config: { access: 'gate.read' }, schema: { tags, querystring: LedgerQuery, response: { 200: LedgerList } } }, async (req) => {
    await assertSchoolInScope(ctx, req.actor!, req.query.schoolId);
    const result = await listLedger(ctx, req.query);
    await writeAudit(ctx.db, req.actor, { action: 'gate.ledger.read', objectType: 'school', objectId: req.query.schoolId, detail: { date: result.date, count: result.items.length }, ip: req.ip });
    return { items: result.items, total: result.total, can: { export: can(req.actor, 'gate.export'), acknowledge: can(req.actor, 'gate.doctor') } };
  });

  app.get('/api/gate/entries/export', { config: { access: 'gate.export' }, schema: { tags, querystring: SchoolDayQuery } }, async (req, reply) => {
    await assertSchoolInScope(ctx, req.actor!, req.query.schoolId);
    const { items, date } = await listLedger(ctx, { schoolId: req.query.schoolId, date: req.query.date, limit: 100_000 });
    const school = await ctx.db.selectFrom('schools').select('name').where('id', '=', req.query.schoolId).executeTakeFirstOrThrow();
    await writeAudit(ctx.db, req.actor, { action: 'gate.ledger.export', objectType: 'school', objectId: req.query.schoolId, detail: { date, count: items.length }, ip: req.ip });
    const reason = (codes: string[]) => codes.map((c) => t('zh-CN', `gate.reason.${c}`)).join('；');
    const file = await buildWorkbook('出入台账', [
      { header: '时间', width: 20, value: (r) => new Date(new Date(r.at).getTime() + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ') },
      { header: '校门/场所', width: 14, value: (r) => r.gateName },
      { header: '方向', value: (r) => (r.direction === 'in' ? '入校' : '离校') },
      { header: '类别', value: (r) => KIND_ZH[r.kind] ?? r.kind },
      { header: '姓名', value: (r) => r.name },
      { header: '班级', value: (r) => r.className },
      { header: '身份证号（脱敏）', text: true, width: 22, value: (r) => r.idNumberMasked },
      { header: '实名登记', value: (r) => yesNo(r.realNameVerified) },
      { header: '佩戴口罩', value: (r) => yesNo(r.maskWorn) },
      { header: '扫场所码', value: (r) => yesNo(r.venueCodeScanned) },
      { header: '出示行程码', value: (r) => yesNo(r.travelRecordShown) },
      { header: '体温(℃)', value: (r) => r.temperature },
      { header: '健康码', value: (r) => (r.riskStatus ? (HEALTH_CODE_ZH[r.riskStatus] ?? r.riskStatus) : '') },
      { header: '结果', value: (r) => (r.decision === 'allow' ? '放行' : '劝返') },
      { header: '原因', width: 30, value: (r) => reason(r.reasons) },
      { header: '值守人员', value: (r) => r.guardName },
    ], [...items].reverse(), `${school.name} 出入台账 ${date}`);
    return sendXlsx(reply, `出入台账-${school.name}-${date}.xlsx`, file);
  });

  app.get('/api/gate/headcount', { config: { access: 'gate.read' }, schema: { tags, querystring: SchoolDayQuery, response: { 200: Headcount } } }, async (req) => {
    await assertSchoolInScope(ctx, req.actor!, req.query.schoolId);
    return headcount(ctx, req.query.schoolId, req.query.date);
  });

  app.get('/api/gate/visitors', { config: { access: 'gate.read' }, schema: { tags, querystring: SchoolDayQuery, response: { 200: Type.Object({ date: Type.String(), items: Type.Array(VisitorRow) }) } } }, async (req) => {
    await assertSchoolInScope(ctx, req.actor!, req.query.schoolId);
    const result = await visitorLog(ctx, req.query.schoolId, req.query.date);
    await writeAudit(ctx.db, req.actor, { action: 'gate.visitors.read', objectType: 'school', objectId: req.query.schoolId, detail: { date: result.date, count: result.items.length }, ip: req.ip });
    return result;
  });

  // The school doctor's view: everyone refused today, fever first, with the notices still open.
  app.get('/api/gate/refusals', { config: { access: 'gate.read' }, schema: { tags, querystring: SchoolDayQuery, response: { 200: LedgerList } } }, async (req) => {
    await assertSchoolInScope(ctx, req.actor!, req.query.schoolId);
    const result = await listLedger(ctx, { schoolId: req.query.schoolId, date: req.query.date, decision: 'refuse', limit: 1000 });
    await writeAudit(ctx.db, req.actor, { action: 'gate.refusals.read', objectType: 'school', objectId: req.query.schoolId, detail: { date: result.date, count: result.items.length }, ip: req.ip });
    const items = [...result.items].sort((a, b) => Number(b.noticeAcknowledged === false) - Number(a.noticeAcknowledged === false));
    return { items, total: result.total, can: { export: can(req.actor, 'gate.export'), acknowledge: can(req.actor, 'gate.doctor') } };
  });

  app.post('/api/gate/doctor-notices/:id/ack', { config: { access: 'gate.doctor' }, schema: { tags, params: IdParams, response: { 200: OkResponse } } }, async (req) => {
    const notice = await ctx.db.selectFrom('gate_doctor_notices').select(['school_id', 'acknowledged_at']).where('id', '=', req.params.id).executeTakeFirst();
    if (!notice) throw new AppError('error.not_found', 404);
    await assertSchoolInScope(ctx, req.actor!, notice.school_id);
    await inTransaction(ctx.db, async (trx) => {
      const done = await trx.updateTable('gate_doctor_notices').set({ acknowledged_at: ctx.now(), acknowledged_by: req.actor!.accountId }).where('id', '=', req.params.id).where('acknowledged_at', 'is', null).executeTakeFirst();
      if (!done.numUpdatedRows) throw new AppError('gate.notice_acknowledged', 409);
      await writeAudit(trx, req.actor, { action: 'gate.notice.ack', objectType: 'gate_doctor_notice', objectId: req.params.id, ip: req.ip });
    });
    return { ok: true };
  });

  app.get('/api/gate/person-codes/:id', { config: { access: 'person.read' }, schema: { tags, params: IdParams, response: { 200: PersonCodeResponse } } }, (req) =>
    personCode(ctx, req.actor!, req.params.id, req.ip),
  );
}

/** The person's own gate code (shown on their page or printed on a card). */
async function personCode(ctx: AppContext, actor: Actor, personId: number, ip: string) {
  const { kind } = await assertPersonInScope(ctx, actor, personId);
  if (kind === 'co_resident') throw new AppError('gate.person_not_member', 400, { field: 'id' });
  const person = await ctx.db.selectFrom('persons').select('name').where('id', '=', personId).executeTakeFirstOrThrow();
  const code = signPersonCode(campusKeys(ctx.cipher).person, personId);
  await writeAudit(ctx.db, actor, { action: 'gate.person_code.read', objectType: 'person', objectId: personId, ip });
  return { personId, name: person.name, code, png: await QRCode.toDataURL(code, { errorCorrectionLevel: 'M', margin: 2, width: 320 }) };
}
