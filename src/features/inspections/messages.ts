import type { MessageTable } from '../../i18n';

export const inspectionMessages: MessageTable = {
  'inspection.inspector_invalid': { 'zh-CN': '督查人员须是辖区覆盖该校的教育局人员：{field}', en: 'Inspectors must be bureau officers whose area covers the school: {field}' },
  'inspection.level_not_allowed': { 'zh-CN': '学校只能登记校级自查，且不能是暗查：{field}', en: 'A school records only school-level, announced inspections: {field}' },
  'inspection.closed': { 'zh-CN': '督查已完成或已取消，不能再修改', en: 'The inspection is completed or cancelled and cannot change' },
  'inspection.item_unknown': { 'zh-CN': '清单中没有该项：{field}', en: 'No such checklist item: {field}' },
  'inspection.unanswered': { 'zh-CN': '还有 {count} 项未作答（可选“不适用”）：{field}', en: '{count} items are not answered yet (“not applicable” is allowed): {field}' },
  'inspection.not_yours': { 'zh-CN': '学校账号只能处理本校的校级督查', en: 'School accounts work only on their own school-level inspections' },
  'inspection.checklist_unknown': { 'zh-CN': '检查清单版本不存在：{field}', en: 'Unknown checklist version: {field}' },
};
