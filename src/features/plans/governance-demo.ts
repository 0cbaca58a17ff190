import type { AppContext } from '../../http/context';
import { actorFor } from '../../http/session';
import { versionItems } from '../checklists/guidance';
import { createDraw, performDraw } from '../draws/service';
import { schoolDateOf, shanghaiInstant } from '../governance-dashboard/shared';
import { completeInspection, createInspection, recordAnswers } from '../inspections/service';
import { addMember, createTaskForce } from '../taskforces/service';
import { addShifts } from '../taskforces/shifts';
import { createPlan } from './service';

const PLAN = `一、总则：坚持“早发现、早报告、早隔离、早处置”，以学校为单位落实“一校一案”。
二、组织体系：校长任组长，分管副校长任副组长，校医、班主任、后勤负责人为成员。
三、监测预警：每日晨午晚检，因病缺勤当日追踪，异常情况 2 小时内报告教体局和对口医院。
四、应急处置：发现疑似病例，立即在临时隔离点留观，通知家长及对口医院，配合疾控开展流调。
五、停课与线上教学：按教体局通知执行，确保“停课不停学”。
六、善后与复课：环境终末消毒、复课证明查验后方可复课。`;

/**
 * Governance demo data, through the services themselves (so it obeys their rules): this week's spot-check
 * draw for Zhengzhou performed; a covert visit to the first demo school completed with a finding under
 * rectification and a second covert visit planned for today; Jinshui's task force with today's duty
 * roster; the school's emergency plan and the bureau's public-opinion plan. The Jinshui weekly draw is
 * left for the county officer to run.
 */
export async function seedGovernanceDemo(ctx: AppContext): Promise<void> {
  const account = (username: string) => ctx.db.selectFrom('accounts').select(['id', 'username', 'display_name', 'role', 'region_code', 'school_id', 'class_id', 'hospital_id', 'can_unmask']).where('username', '=', username).executeTakeFirst();
  const [city, county, principal] = await Promise.all([account('zhengzhou'), account('jinshui'), account('principal')]);
  if (!city || !county || !principal?.school_id) return;
  const [cityActor, countyActor, schoolActor] = await Promise.all([actorFor(ctx.db, city), actorFor(ctx.db, county), actorFor(ctx.db, principal)]);
  const schoolId = principal.school_id;
  const today = schoolDateOf(ctx.now());
  const ip = '127.0.0.1';
  // Literal unions built from arrays in the schemas type as never; the values are checked by the services.

  const draw = await createDraw(ctx, cityActor, { regionCode: '410100', kind: 'weekly_spot_check', count: 6 }, ip);
  await performDraw(ctx, cityActor, draw.id, {}, ip);

  const covert = await createInspection(ctx, countyActor, { schoolId, level: 'county' as never, method: 'covert' as never, scheduledOn: today, inspectorIds: [county.id] }, ip);
  const versionId = (await ctx.db.selectFrom('inspections').select('checklist_version_id').where('id', '=', covert.id).executeTakeFirstOrThrow()).checklist_version_id;
  const items = await versionItems(ctx.db, versionId);
  const weak = items.find((i) => i.key.includes('disinfection')) ?? items[items.length - 1];
  await recordAnswers(ctx, countyActor, covert.id, { answers: items.map((i) => (i === weak ? { itemKey: i.key, result: 'fail' as const, note: '消毒记录缺三天' } : { itemKey: i.key, result: 'pass' as const })) }, ip);
  const deadline = new Date(Date.parse(`${today}T00:00:00Z`) + 5 * 86_400_000).toISOString().slice(0, 10);
  await completeInspection(ctx, countyActor, covert.id, { summary: '暗访：晨检规范，通风消毒记录不全。', findings: [{ itemKey: weak.key, title: '通风消毒记录不全', description: '本周一至周三无教室消毒记录', severity: 'medium', deadline, requiredEvidence: '补齐的消毒登记表照片' }] }, ip);
  await createInspection(ctx, countyActor, { schoolId, level: 'county' as never, method: 'covert' as never, scheduledOn: today, inspectorIds: [county.id] }, ip);

  const force = await createTaskForce(ctx, countyActor, {
    regionCode: county.region_code!, name: '金水区教育系统疫情防控应急专班', remit: '统筹全区学校疫情防控、信息报送、物资保障和督导检查',
    discipline: '一、24 小时值班值守，手机保持畅通。\n二、信息报送不得迟报、漏报、瞒报。\n三、交接班当面交接，记录完整。', }, ip);
  await addMember(ctx, countyActor, force.id, { accountId: county.id, duty: '值班长', phone: '13800000001' }, ip);
  await addMember(ctx, countyActor, force.id, { accountId: city.id, duty: '市局联络', phone: '13800000002' }, ip);
  await addShifts(ctx, countyActor, force.id, {
    shifts: [
      { accountId: county.id, startsAt: shanghaiInstant(today, '00:00').toISOString(), endsAt: shanghaiInstant(today, '12:00').toISOString(), post: '上午班' },
      { accountId: city.id, startsAt: shanghaiInstant(today, '12:00').toISOString(), endsAt: new Date(shanghaiInstant(today, '00:00').getTime() + 86_400_000).toISOString(), post: '下午及夜班' },
    ],
  }, ip);

  await createPlan(ctx, schoolActor, { schoolId, kind: 'emergency_response' as never, title: '校园传染病疫情应急处置预案', body: PLAN }, ip);
  await createPlan(ctx, countyActor, { regionCode: county.region_code!, kind: 'public_opinion' as never, title: '教育系统涉疫舆情应对预案', body: PLAN.replace('校长任组长', '局长任组长') }, ip);
}
