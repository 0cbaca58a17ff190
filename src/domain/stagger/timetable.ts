/** Printable timetables: one row per class, or one row per slot and place; plus plain-text layout. */
import type { CanteenArea, Gate, Phase, StaggerRequest, StaggerSchedule } from './types';

const PHASE_LABEL: Record<Phase, string> = { arrival: 'Arrival', departure: 'Departure', dining: 'Dining' };

function names(req: StaggerRequest) {
  const place = new Map<string, string>();
  for (const g of req.gates as Gate[]) place.set(`gate:${g.id}`, g.name ?? g.id);
  for (const a of req.canteenAreas as CanteenArea[]) {
    place.set(`area:${a.id}`, (a.name ?? a.id) + (a.seating ? ` (${a.seating})` : ''));
  }
  const placeName = (phase: Phase, id: string) => place.get(`${phase === 'dining' ? 'area' : 'gate'}:${id}`) ?? id;
  const classById = new Map(req.classes.map((c) => [c.id, c]));
  return { placeName, classById };
}

/** Header plus one row per class: grade, class, size, then time and place for each phase. */
export function classTimetableRows(req: StaggerRequest, schedule: StaggerSchedule): string[][] {
  const { placeName, classById } = names(req);
  const rows = schedule.classes.map((c) => {
    const k = classById.get(c.classId)!;
    const cell = (phase: Phase) => `${c[phase].from}–${c[phase].to} ${placeName(phase, c[phase].resourceId)}`;
    return [String(k.grade), k.name ?? k.id, String(k.size), cell('arrival'), cell('departure'), cell('dining')];
  });
  rows.sort((a, b) => Number(a[0]) - Number(b[0]) || a[1].localeCompare(b[1], 'en', { numeric: true }));
  return [['Grade', 'Class', 'Students', 'Arrival', 'Departure', 'Dining'], ...rows];
}

/** Header plus one row per phase, slot and place in use: who goes there, and load against capacity. */
export function slotTimetableRows(req: StaggerRequest, schedule: StaggerSchedule): string[][] {
  const { placeName, classById } = names(req);
  const rows: string[][] = [];
  for (const phase of ['arrival', 'dining', 'departure'] as Phase[]) {
    const report = schedule.phases[phase];
    const bySlot = new Map<string, string[]>();
    for (const c of schedule.classes) {
      const key = `${c[phase].slot}|${c[phase].resourceId}`;
      bySlot.set(key, [...(bySlot.get(key) ?? []), classById.get(c.classId)!.name ?? c.classId]);
    }
    report.load.forEach((perResource, slot) => {
      perResource.forEach((load, r) => {
        if (load === 0) return;
        const id = report.resourceIds[r];
        const sample = schedule.classes.find((c) => c[phase].slot === slot)!;
        const classes = (bySlot.get(`${slot}|${id}`) ?? []).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
        rows.push([PHASE_LABEL[phase], `${sample[phase].from}–${sample[phase].to}`, placeName(phase, id), classes.join(', '), `${load}/${report.capacity[r]}`]);
      });
    });
  }
  return [['Phase', 'Time', 'Place', 'Classes', 'Students/capacity'], ...rows];
}

/** Aligns rows into fixed-width text columns (for a terminal or a plain-text printout). */
export function formatRows(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => [...(r[i] ?? '')].length)));
  return rows.map((r) => r.map((cell, i) => cell + ' '.repeat(widths[i] - [...cell].length)).join('  ').trimEnd()).join('\n');
}
