import type { MessageTable } from '../../i18n';

export const drawMessages: MessageTable = {
  'draw.too_few_eligible': { 'zh-CN': '可抽取的学校数少于抽取数量（{eligible} 所，需 {requested} 所）：{field}', en: 'Fewer eligible schools ({eligible}) than requested ({requested}): {field}' },
  'draw.seed_commitment_mismatch': { 'zh-CN': '公布的种子与事先公布的承诺值不符：{field}', en: 'The revealed seed does not match the published commitment: {field}' },
  'draw.seed_invalid': { 'zh-CN': '种子须为十六进制字符串：{field}', en: 'The seed must be a hexadecimal string: {field}' },
  'draw.seed_too_short': { 'zh-CN': '种子至少 32 字节（64 个十六进制字符）：{field}', en: 'The seed needs at least 32 bytes (64 hex characters): {field}' },
  'draw.seed_required': { 'zh-CN': '本次抽签由教育局自持种子，执行时须公布种子：{field}', en: 'This draw was committed with the bureau’s own seed; reveal it to perform the draw: {field}' },
  'draw.seed_not_expected': { 'zh-CN': '本次抽签的种子由系统生成，无需提交：{field}', en: 'The server holds this draw’s seed; do not send one: {field}' },
  'draw.commitment_invalid': { 'zh-CN': '承诺值须为 64 位十六进制：{field}', en: 'The commitment must be 64 hexadecimal characters: {field}' },
  'draw.count_invalid': { 'zh-CN': '抽取数量无效：{field}', en: 'Invalid number of schools: {field}' },
  'draw.count_out_of_range': { 'zh-CN': '抽取数量须在 {min}–{max} 所之间：{field}', en: 'The number of schools must be {min}–{max}: {field}' },
  'draw.count_exact': { 'zh-CN': '抽取数量须为 {count} 所：{field}', en: 'The number of schools must be {count}: {field}' },
  'draw.date_invalid': { 'zh-CN': '日期无效：{field}', en: 'Invalid date: {field}' },
  'draw.date_in_past': { 'zh-CN': '抽签日期不能早于今天：{field}', en: 'The draw date cannot be in the past: {field}' },
  'draw.last_drawn_after_draw_date': { 'zh-CN': '学校上次被抽中的日期晚于本次抽签日期：{field}', en: 'A school was last drawn after this draw date: {field}' },
  'draw.school_invalid': { 'zh-CN': '学校名单无效：{field}', en: 'Invalid school list: {field}' },
  'draw.school_duplicate': { 'zh-CN': '学校名单有重复：{field}', en: 'A school is listed twice: {field}' },
  'draw.params_invalid': { 'zh-CN': '抽签参数无效：{field}', en: 'Invalid draw parameters: {field}' },
  'draw.repeat_needs_reason': { 'zh-CN': '本期已抽过签，再次抽签须填写理由（两次结果均公开留存）：{field}', en: 'This period has been drawn already; a repeat needs a recorded reason (both draws stay visible): {field}' },
  'draw.already_revealed': { 'zh-CN': '该抽签已执行并公布，不能重复执行', en: 'This draw has already been performed and revealed' },
  'draw.region_level': { 'zh-CN': '抽签须以市或县（区）为单位：{field}', en: 'Draws are made for a city or a county: {field}' },
};
