import type { MessageTable } from '../../i18n';
import { policyMessages } from '../policies/messages';

const caseMessages: MessageTable = {
  'case.onset_future': { 'zh-CN': '发病日期不能晚于今天', en: 'The onset date cannot be in the future' },
  'case.source_unknown': { 'zh-CN': '传染来源病例不存在或病种不同', en: 'The source case does not exist or is another disease' },
  'case.idempotency_reused': { 'zh-CN': '该提交编号已用于另一人员的病例', en: 'This submission key was already used for another person' },
  'contact.unknown': { 'zh-CN': '密切接触者记录不存在或不属于该病例', en: 'No such contact for this case' },
  'contact.not_confirmed': { 'zh-CN': '只能对已确认的密切接触者追查次密接', en: 'Contacts of contacts need a confirmed contact' },
  'contact.exposure_future': { 'zh-CN': '暴露日期不能晚于今天', en: 'The exposure date cannot be in the future' },
  'contact.exposure_order': { 'zh-CN': '暴露开始日期不能晚于结束日期', en: 'The exposure must start before it ends' },
  'contact.is_the_case': { 'zh-CN': '病例本人不能登记为自己的密切接触者', en: 'The case’s own patient cannot be their own close contact' },
  'contact.duplicate': { 'zh-CN': '该人员已在此病例的密接名单中', en: 'This person is already listed for the case' },
  'contact.member_not_in_school': { 'zh-CN': '成员须为本校人员', en: 'Every member must belong to this school' },
  'contact.teacher_not_staff': { 'zh-CN': '任课教师须为本校教职工', en: 'Teachers must be staff of this school' },
  'risk.no_override': { 'zh-CN': '该人员没有人工调整的风险状态', en: 'This person has no manual status to clear' },
  'risk.area_dates': { 'zh-CN': '风险区结束日期不能早于开始日期', en: 'A risk area cannot end before it starts' },
  'risk.travel_dates': { 'zh-CN': '行程开始日期不能晚于结束日期', en: 'A stay must start before it ends' },
  'risk.travel_future': { 'zh-CN': '行程日期不能晚于今天', en: 'A stay cannot start in the future' },
  'isolation.policy_no_plan': { 'zh-CN': '该病种的防控策略对此类人员不要求隔离', en: 'The disease policy prescribes no isolation for this role' },
  'isolation.site_unknown': { 'zh-CN': '隔离点不存在', en: 'No such isolation site' },
  'isolation.site_full': { 'zh-CN': '隔离点已满，请选择其他隔离点', en: 'The isolation site is full; choose another' },
  'isolation.site_not_for_kind': { 'zh-CN': '只有集中隔离需要选择隔离点', en: 'Only centralised isolation takes a site' },
  'isolation.site_duplicate': { 'zh-CN': '该地区已有同名隔离点', en: 'This region already has a site with that name' },
  'isolation.overlap': { 'zh-CN': '该人员在此期间已有隔离（不能重叠）', en: 'This person already has an isolation overlapping these dates' },
  'isolation.start_future': { 'zh-CN': '隔离开始日期最晚为明天', en: 'An isolation can start tomorrow at the latest' },
  'isolation.not_active': { 'zh-CN': '该隔离已解除', en: 'This isolation has already ended' },
  'isolation.checkin_future': { 'zh-CN': '健康打卡日期不能晚于今天', en: 'A check-in cannot be for a future day' },
  'isolation.checkin_outside': { 'zh-CN': '打卡日期不在隔离（含健康监测）期内', en: 'The day is outside the isolation and monitoring period' },
  'isolation.criteria_not_met': { 'zh-CN': '尚未满足解除隔离条件；如确需解除，请填写原因（{field}）', en: 'The release criteria are not met; give a reason ({field}) to override' },
  'footing.already': { 'zh-CN': '当前已是该状态', en: 'The footing is already in that mode' },
  'footing.not_proposed': { 'zh-CN': '该切换建议已处理', en: 'This proposal has already been decided' },
  'footing.template_unknown': { 'zh-CN': '摸排模板不存在', en: 'No such campaign template' },
};

/** Every response capability's texts, registered with one line in src/i18n/all-messages.ts. */
export const responseMessages: MessageTable = { ...policyMessages, ...caseMessages };
