import type { MessageTable } from '../../i18n';

export const venueCodeMessages: MessageTable = {
  'venue_code.malformed': { 'zh-CN': '这不是本系统的场所码', en: 'This is not a CampusGuard venue code' },
  'venue_code.forged': { 'zh-CN': '场所码签名无效（伪造或被篡改）', en: 'The venue code’s signature is invalid (forged or altered)' },
  'venue_code.expired': { 'zh-CN': '场所码已过期，请联系学校重新生成', en: 'The venue code has expired; ask the school to re-issue it' },
  'venue_code.revoked': { 'zh-CN': '场所码已作废，请扫描新的场所码', en: 'The venue code has been revoked; scan the new one' },
  'venue_code.unknown': { 'zh-CN': '场所码不存在', en: 'The venue code does not exist' },
  'venue_code.place_required': { 'zh-CN': '请指定学校或（教育局办公场所的）行政区划', en: 'Give a school, or a region for a bureau building' },
  'venue_code.region_unknown': { 'zh-CN': '行政区划不存在', en: 'The region does not exist' },
  'venue_code.kind_mismatch': { 'zh-CN': '教育局办公场所的场所码不属于学校，学校场所码须为校门或校内场所', en: 'Bureau buildings have no school; school codes are for gates or sites' },
  'venue_code.already_revoked': { 'zh-CN': '该场所码已作废', en: 'This venue code is already revoked' },
  'field.venueToken': { 'zh-CN': '场所码', en: 'venue code' },
  'field.validDays': { 'zh-CN': '有效天数', en: 'days valid' },
  'field.reason': { 'zh-CN': '原因', en: 'reason' },
  'field.regionCode': { 'zh-CN': '行政区划', en: 'region' },
};
