import type { MessageTable } from '../../i18n';

export const pairingMessages: MessageTable = {
  'pairing.over_capacity': { 'zh-CN': '该医院已达对口学校上限（{load}/{capacity}），超出须填写理由：{field}', en: 'The hospital is at capacity ({load}/{capacity}); pairing beyond it needs a reason: {field}' },
  'pairing.hospital_unknown': { 'zh-CN': '医院不存在或已停用：{field}', en: 'Unknown or inactive hospital: {field}' },
  'pairing.contact_unknown': { 'zh-CN': '该联络人不属于所选医院：{field}', en: 'The contact does not belong to this hospital: {field}' },
  'pairing.capacity_insufficient': { 'zh-CN': '医院可对口的学校总数不足（{schools} 所学校，容量 {capacity}）：{field}', en: 'Not enough hospital capacity ({schools} schools, capacity {capacity}): {field}' },
  'pairing.no_schools': { 'zh-CN': '该区域没有带坐标的学校：{field}', en: 'No schools with a location in this region: {field}' },
  'pairing.location_invalid': { 'zh-CN': '坐标无效：{field}', en: 'Invalid location: {field}' },
  'pairing.capacity_invalid': { 'zh-CN': '容量无效：{field}', en: 'Invalid capacity: {field}' },
  'pairing.duplicate_id': { 'zh-CN': '编号重复：{field}', en: 'Duplicate id: {field}' },
  'pairing.margin_invalid': { 'zh-CN': '保留阈值无效：{field}', en: 'Invalid margin: {field}' },
  'pairing.proposal_stale': { 'zh-CN': '方案生成后对口关系已有变化，请重新生成', en: 'Pairings changed since this proposal was made; make a new one' },
  'pairing.proposal_applied': { 'zh-CN': '该方案已应用', en: 'This proposal has already been applied' },
  'pairing.phone_invalid': { 'zh-CN': '电话号码无效（手机号或带区号的固定电话，如 0371-12345678）：{field}', en: 'Invalid phone number (a mobile number, or a landline with area code such as 0371-12345678): {field}' },
  'field.hospitalId': { 'zh-CN': '医院', en: 'hospital' },
  'field.schoolContactName': { 'zh-CN': '学校联系人', en: 'school contact' },
  'field.schoolContactPhone': { 'zh-CN': '学校联系人电话', en: 'school contact phone' },
  'field.overrideReason': { 'zh-CN': '超额理由', en: 'override reason' },
  'field.hospitalContactId': { 'zh-CN': '医院联络人', en: 'hospital contact' },
  'field.marginMeters': { 'zh-CN': '保留阈值（米）', en: 'margin (metres)' },
  'field.hospitals': { 'zh-CN': '医院', en: 'hospitals' },
  'field.schools': { 'zh-CN': '学校', en: 'schools' },
};
