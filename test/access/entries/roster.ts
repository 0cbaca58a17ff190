import type { MatrixEntry } from '../entry';

// A one-row roster whose ID number fails its check digit: permitted callers reach validation (400).
const roster = (n: number) => ({ body: `姓名,身份证号,学籍号,年级,班级\r\n矩阵${n},410105201801011234,M${n},一年级,1班\r\n`, headers: { 'content-type': 'text/csv' } });

export const rosterEntries: MatrixEntry[] = [
  { route: 'GET /api/roster/template', inside: () => ({ url: '/api/roster/template?kind=student' }), outside: null },
  { route: 'POST /api/schools/:id/roster', inside: (fx) => ({ url: `/api/schools/${fx.schoolA}/roster?kind=student`, ...roster(1) }), outside: (fx) => ({ url: `/api/schools/${fx.schoolB}/roster?kind=student`, ...roster(2) }), allowed: [400] },
  { route: 'GET /api/schools/:id/roster/export', inside: (fx) => ({ url: `/api/schools/${fx.schoolA}/roster/export?kind=student` }), outside: (fx) => ({ url: `/api/schools/${fx.schoolB}/roster/export?kind=student` }) },
];
