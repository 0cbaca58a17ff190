// `npm run bench -- stagger [--classes 120] [--seed 1] [--runs 5]`
// Staggered arrival, departure and dining for a 120-class school with 4 gates and 3 canteen areas, against
// a naive one-class-per-slot schedule and a next-fit spreadsheet schedule, in the same run.
import {
  PHASES,
  type Phase,
  type StaggerRequest,
  type StaggerSchedule,
  classTimetableRows,
  formatRows,
  scheduleStaggered,
  syntheticSchool,
} from '../src/domain/stagger';

function option(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}

function capacities(req: StaggerRequest, phase: Phase): number[] {
  return phase === 'dining' ? req.canteenAreas.map((a) => a.seatsPerSlot) : req.gates.map((g) => g.capacityPerSlot);
}

/**
 * Next-fit in list order (classes listed by grade): fill the current gate, then the next gate, then the next
 * slot; a separated grade starts and ends its own slots. Sibling links are not looked at; we count how
 * many it breaks.
 */
function nextFit(req: StaggerRequest, phase: Phase, separated: number[]): { slots: number; brokenLinks: number } {
  const caps = capacities(req, phase);
  const slotOf = new Map<string, number>();
  let slot = 0;
  let r = 0;
  let left = caps[0];
  let lastGrade: number | null = null;
  for (const c of req.classes) {
    const newBlock = lastGrade !== null && c.grade !== lastGrade && (separated.includes(c.grade) || separated.includes(lastGrade));
    if (newBlock) {
      slot++;
      r = 0;
      left = caps[0];
    }
    while (c.size > left) {
      r++;
      if (r === caps.length) {
        r = 0;
        slot++;
      }
      left = caps[r];
    }
    left -= c.size;
    slotOf.set(c.id, slot);
    lastGrade = c.grade;
  }
  const linked = phase === 'dining' ? [] : (req.siblingLinks ?? []);
  return { slots: slot + 1, brokenLinks: linked.filter(([a, b]) => slotOf.get(a) !== slotOf.get(b)).length };
}

/** Independent check of every capacity; returns the number of (slot, place) cells over capacity. */
function overCapacity(req: StaggerRequest, s: StaggerSchedule): number {
  let over = 0;
  for (const phase of PHASES) {
    const caps = capacities(req, phase);
    const ids = phase === 'dining' ? req.canteenAreas.map((a) => a.id) : req.gates.map((g) => g.id);
    const load = new Map<string, number>();
    req.classes.forEach((c, i) => {
      const key = `${s.classes[i][phase].slot}|${s.classes[i][phase].resourceId}`;
      load.set(key, (load.get(key) ?? 0) + c.size);
    });
    for (const [key, n] of load) if (n > caps[ids.indexOf(key.split('|')[1])]) over++;
  }
  return over;
}

export default async function staggerBench(args: string[]): Promise<void> {
  const classes = option(args, 'classes', 120);
  const seed = option(args, 'seed', 1);
  const runs = Math.max(1, option(args, 'runs', 5));
  const configs: { name: string; separateGrades: number[] }[] = [
    { name: 'siblings', separateGrades: [] },
    { name: 'siblings + grade 1 apart', separateGrades: [1] },
  ];
  const summary: Record<string, unknown>[] = [];
  let worstMs = 0;
  for (const config of configs) {
    const req = syntheticSchool({ classes, seed, siblingLinks: 15, separateGrades: config.separateGrades });
    const students = req.classes.reduce((a, c) => a + c.size, 0);
    const times: number[] = [];
    let schedule = scheduleStaggered(req);
    for (let r = 0; r < runs; r++) {
      const t = performance.now();
      schedule = scheduleStaggered(req);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)];
    worstMs = Math.max(worstMs, times[times.length - 1]);
    const over = overCapacity(req, schedule);

    console.log(`\n${config.name}: ${classes} classes, ${students} students, ${req.siblingLinks!.length} sibling links`);
    console.log(`gates ${req.gates.map((g) => g.capacityPerSlot).join('/')} per 5 min; canteen ${req.canteenAreas.map((a) => a.seatsPerSlot).join('/')} seats per 25 min`);
    console.log('phase       solver slots  bound  gap  span          naive slots  next-fit slots (sibling links broken)');
    const phases: Record<string, unknown> = {};
    for (const phase of PHASES) {
      const p = schedule.phases[phase];
      const naive = classes;
      const nf = nextFit(req, phase, config.separateGrades);
      console.log(
        `${phase.padEnd(11)} ${String(p.slotsUsed).padStart(12)} ${String(p.lowerBound).padStart(6)} ${String(p.gap).padStart(4)}  ${p.firstStart}–${p.lastEnd}   ${String(naive).padStart(11)} ${String(nf.slots).padStart(15)} (${nf.brokenLinks})`,
      );
      phases[phase] = {
        slots: p.slotsUsed,
        lower_bound: p.lowerBound,
        gap: p.gap,
        naive_slots: naive,
        next_fit_slots: nf.slots,
        next_fit_broken_links: nf.brokenLinks,
      };
    }
    console.log(`solver time: median ${median.toFixed(1)} ms, max ${times[times.length - 1].toFixed(1)} ms over ${runs} runs (target ≤ 1000); baselines < 1 ms`);
    console.log(`cells over capacity (independent check): ${over}`);
    summary.push({ config: config.name, ms_median: Number(median.toFixed(1)), over_capacity: over, ...phases });
    if (config === configs[0]) {
      console.log('\nfirst rows of the printable timetable:');
      console.log(formatRows(classTimetableRows(req, schedule).slice(0, 6)));
    }
  }
  const result = {
    bench: 'stagger',
    classes,
    gates: 4,
    canteen_areas: 3,
    target_ms: 1000,
    worst_ms: Number(worstMs.toFixed(1)),
    within_target: worstMs <= 1000,
    configs: summary,
  };
  console.log(`RESULT ${JSON.stringify(result)}`);
}
