import type { MessageTable } from '../../i18n';

/** The solver names the constraint that fails (`field`) and explains it (`detail`, from the domain core). */
export const staggerMessages: MessageTable = {
  'stagger.input_invalid': { 'zh-CN': '错峰安排的输入有误：{field}（{detail}）', en: 'The schedule request is invalid at {field} ({detail})' },
  'stagger.duplicate_id': { 'zh-CN': '编号重复：{field}（{detail}）', en: 'Duplicate id at {field} ({detail})' },
  'stagger.no_gates': { 'zh-CN': '至少需要一个校门', en: 'At least one gate is needed' },
  'stagger.no_canteen_areas': { 'zh-CN': '至少需要一个就餐区域', en: 'At least one canteen area is needed' },
  'stagger.window_invalid': { 'zh-CN': '时间窗口设置有误：{field}（{detail}）', en: 'The time window at {field} is invalid ({detail})' },
  'stagger.link_unknown_class': { 'zh-CN': '兄弟姐妹班级关联中有不存在的班级：{field}', en: 'A sibling link names an unknown class: {field}' },
  'stagger.class_exceeds_capacity': { 'zh-CN': '有班级人数超过最大校门/就餐区域的单批容量：{field}（{detail}）', en: 'A class is larger than the largest gate or canteen area per slot: {field} ({detail})' },
  'stagger.sibling_group_too_large': { 'zh-CN': '关联的兄弟姐妹班级合计人数超过单批容量：{field}（{detail}）', en: 'Linked sibling classes together exceed one slot’s capacity: {field} ({detail})' },
  'stagger.sibling_grade_conflict': { 'zh-CN': '兄弟姐妹班级须同批，但其年级要求分开：{field}（{detail}）', en: 'Sibling classes must share a slot but their grades must be kept apart: {field} ({detail})' },
  'stagger.window_too_short': { 'zh-CN': '时间窗口太短，任何安排都无法满足容量：{field}（{detail}）', en: 'The window is too short for any timetable within capacity: {field} ({detail})' },
  'stagger.window_not_met': { 'zh-CN': '未能在时间窗口内找到满足容量的安排：{field}（{detail}）', en: 'No timetable within the window was found: {field} ({detail})' },
  'stagger.no_classes': { 'zh-CN': '该校没有在读学生的班级', en: 'The school has no classes with students' },
  'stagger.link_not_in_school': { 'zh-CN': '关联的班级不属于本校：{field}', en: 'A linked class is not in this school: {field}' },
  'stagger.no_schedule': { 'zh-CN': '该校尚无错峰安排', en: 'The school has no staggered timetable yet' },
};
