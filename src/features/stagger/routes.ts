import type { AppContext } from '../../http/context';
import type { App } from '../../http/types';
import { buildWorkbook, sendXlsx } from '../../shared/excel';
import { CreateScheduleBody, ScheduleResponse, SchoolQuery } from './schema';
import { createSchedule, currentSchedule } from './service';

export function registerStaggerRoutes(app: App, ctx: AppContext) {
  const tags = ['stagger'];
  app.post('/api/stagger/schedules', { config: { access: 'stagger.manage' }, schema: { tags, body: CreateScheduleBody, response: { 200: ScheduleResponse } } }, (req) =>
    createSchedule(ctx, req.actor!, req.body, req.locale, req.ip),
  );
  app.get('/api/stagger/schedules/current', { config: { access: 'stagger.read' }, schema: { tags, querystring: SchoolQuery, response: { 200: ScheduleResponse } } }, (req) =>
    currentSchedule(ctx, req.actor!, req.query.schoolId),
  );
  // The printable timetable (错峰安排表): one row per class, times and places for each phase.
  app.get('/api/stagger/schedules/current/export', { config: { access: 'stagger.read' }, schema: { tags, querystring: SchoolQuery } }, async (req, reply) => {
    const s = await currentSchedule(ctx, req.actor!, req.query.schoolId);
    type Row = (typeof s.classes)[number];
    const cell = (p: { from: string; to: string; resourceName: string } | undefined) => (p ? `${p.from}–${p.to} ${p.resourceName}` : '');
    const file = await buildWorkbook<Row>('错峰安排', [
      { header: '班级', value: (r) => r.className },
      { header: '人数', value: (r) => r.size },
      { header: '入校（时间 校门）', width: 24, value: (r) => cell(r.arrival) },
      { header: '就餐（时间 区域）', width: 24, value: (r) => cell(r.dining) },
      { header: '离校（时间 校门）', width: 24, value: (r) => cell(r.departure) },
    ], s.classes, '错时错峰上放学、错峰就餐安排表');
    return sendXlsx(reply, '错峰安排表.xlsx', file);
  });
}
