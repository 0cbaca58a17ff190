import type { MessageTable } from '../../i18n';

export const planMessages: MessageTable = {
  'plan.place_required': { 'zh-CN': '须指定行政区划或学校（二选一）：{field}', en: 'Name either a region or a school: {field}' },
  'plan.unknown': { 'zh-CN': '预案不存在或不属于该学校/地区：{field}', en: 'No such plan for this school or region: {field}' },
  'plan.version_unknown': { 'zh-CN': '该预案没有这个版本：{field}', en: 'This plan has no such version: {field}' },
  'drill.future_date': { 'zh-CN': '演练日期不能晚于今天：{field}', en: 'A drill cannot be recorded for a future date: {field}' },
  'guidance.school_outside_area': { 'zh-CN': '该学校不在指导组负责的地区：{field}', en: 'The school lies outside the team’s area: {field}' },
  'opinion.closed': { 'zh-CN': '该舆情已办结，不能再回应', en: 'This incident is closed; no more responses' },
  'field.planId': { 'zh-CN': '预案', en: 'plan' },
  'field.heldOn': { 'zh-CN': '演练日期', en: 'drill date' },
  'field.scenario': { 'zh-CN': '演练情景', en: 'scenario' },
  'field.participants': { 'zh-CN': '参演人数', en: 'participants' },
  'field.visitedOn': { 'zh-CN': '指导日期', en: 'visit date' },
  'field.members': { 'zh-CN': '成员', en: 'members' },
  'field.source': { 'zh-CN': '舆情来源', en: 'source' },
  'field.severity': { 'zh-CN': '等级', en: 'severity' },
};
