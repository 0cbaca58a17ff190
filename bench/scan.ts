// `npm run bench -- scan [--quick] [--seed N] [--no-db]`: the daily statistical scan at province scale.
// First the detectors held in memory: 700,000 classes in 47,000 schools and ~157 counties, 60 school days
// of new illnesses; our default detector (class: 2006 rule + Poisson tests; school and county: Poisson)
// against a baseline measured in the same run, plain EARS C1 over the same arrays. Then the product's scan
// end to end on PostgreSQL over a history of the same size (bench/scan/db.ts), against one grouped read of
// all its episodes. `--quick`: a tenth of the province. Last line `RESULT {json}`.
import { ALARM, detectorOrThrow } from '../src/domain/alerts/detectors';
import { defaultDetector, levelAlarms } from '../src/domain/alerts/default-detector';
import { mulberry32, poisson } from '../src/domain/random/prng';
import { dbScan } from './scan/db';

interface Province {
  days: number;
  classes: number;
  schools: number;
  counties: number;
  classSchool: Int32Array;
  schoolCounty: Int32Array;
  /** Illness-absence onsets per class and day; counts are small, so one byte each. */
  classCounts: Uint8Array;
  schoolCounts: Int32Array;
  countyCounts: Int32Array;
}

function makeProvince(seed: number, scale: number): Province {
  const rng = mulberry32(seed);
  const days = 60;
  const schools = Math.round(47_000 * scale);
  const classes = Math.round(700_000 * scale);
  const counties = Math.max(1, Math.round(157 * scale));
  const schoolCounty = new Int32Array(schools);
  for (let s = 0; s < schools; s++) schoolCounty[s] = Math.floor(rng() * counties);
  // Spread classes over schools unevenly (kindergartens small, middle schools large).
  const classSchool = new Int32Array(classes);
  for (let c = 0; c < classes; c++) classSchool[c] = c < schools ? c : Math.floor(rng() ** 1.5 * schools);
  classSchool.sort();
  const classCounts = new Uint8Array(classes * days);
  const schoolCounts = new Int32Array(schools * days);
  const countyCounts = new Int32Array(counties * days);
  const schoolRate = new Float64Array(schools);
  for (let s = 0; s < schools; s++) schoolRate[s] = 0.02 + rng() * 0.25; // onsets per class-day
  for (let c = 0; c < classes; c++) {
    const s = classSchool[c];
    const base = schoolRate[s];
    // One class in 2,000 has an outbreak starting on a random day.
    const outbreakDay = rng() < 0.0005 ? 40 + Math.floor(rng() * 20) : -1;
    for (let t = 0; t < days; t++) {
      let y = poisson(rng, base);
      if (outbreakDay >= 0 && t >= outbreakDay) y += poisson(rng, 1 + (t - outbreakDay));
      y = Math.min(255, y);
      classCounts[c * days + t] = y;
      schoolCounts[s * days + t] += y;
      countyCounts[schoolCounty[s] * days + t] += y;
    }
  }
  return { days, classes, schools, counties, classSchool, schoolCounty, classCounts, schoolCounts, countyCounts };
}

type AlarmFn = (y: ArrayLike<number>) => ArrayLike<number>;

/** Runs `fn` over every unit's series; returns alarm unit-days and units alarming on the last day. */
function scanLevel(counts: Uint8Array | Int32Array, units: number, days: number, fn: AlarmFn): { alarmDays: number; today: number } {
  let alarmDays = 0;
  let today = 0;
  for (let u = 0; u < units; u++) {
    const a = fn(counts.subarray(u * days, (u + 1) * days));
    for (let t = 0; t < days; t++) if (a[t] === ALARM) alarmDays++;
    if (a[days - 1] === ALARM) today++;
  }
  return { alarmDays, today };
}

function time<T>(f: () => T): { ms: number; value: T } {
  const t0 = performance.now();
  const value = f();
  return { ms: performance.now() - t0, value };
}

export default async function main(args: string[]): Promise<void> {
  const quick = args.includes('--quick');
  const i = args.indexOf('--seed');
  const seed = i >= 0 ? Number(args[i + 1]) : 1;
  const scale = quick ? 0.1 : 1;
  const gen = time(() => makeProvince(seed, scale));
  const p = gen.value;
  const mb = (p.classCounts.byteLength + p.schoolCounts.byteLength + p.countyCounts.byteLength) / 1e6;
  console.log(`province: ${p.classes} classes, ${p.schools} schools, ${p.counties} counties, ${p.days} school days; counts ${mb.toFixed(0)} MB; generated in ${(gen.ms / 1000).toFixed(1)} s`);

  const ears = detectorOrThrow('ears-c1');
  const earsFn: AlarmFn = (y) => ears.run(y).alarm;
  const baseline = time(() => ({
    class: scanLevel(p.classCounts, p.classes, p.days, earsFn),
    school: scanLevel(p.schoolCounts, p.schools, p.days, earsFn),
    county: scanLevel(p.countyCounts, p.counties, p.days, earsFn),
  }));
  const ours = time(() => ({
    class: scanLevel(p.classCounts, p.classes, p.days, levelAlarms(defaultDetector.class)),
    school: scanLevel(p.schoolCounts, p.schools, p.days, levelAlarms(defaultDetector.school)),
    county: scanLevel(p.countyCounts, p.counties, p.days, levelAlarms(defaultDetector.county)),
  }));
  const heapMb = process.memoryUsage().rss / 1e6;
  const row = (name: string, r: typeof ours) =>
    `${name.padEnd(14)} ${(r.ms / 1000).toFixed(2).padStart(7)} s   alarms today: class ${r.value.class.today}, school ${r.value.school.today}, county ${r.value.county.today}`;
  console.log(row('ears-c1', baseline));
  console.log(row('our-default', ours));
  console.log(`ratio our-default / ears-c1: ${(ours.ms / baseline.ms).toFixed(2)}; resident memory ${heapMb.toFixed(0)} MB`);
  const db = args.includes('--no-db') ? null : await dbScan(seed, scale, (line) => console.log(line));
  const result = {
    quick,
    classes: p.classes,
    schools: p.schools,
    counties: p.counties,
    days: p.days,
    seconds: Math.round(ours.ms / 10) / 100,
    baselineSeconds: Math.round(baseline.ms / 10) / 100,
    ratio: Math.round((ours.ms / baseline.ms) * 100) / 100,
    targetSeconds: 60,
    withinTarget: ours.ms / 1000 <= 60,
    alarmsToday: { class: ours.value.class.today, school: ours.value.school.today, county: ours.value.county.today },
    rssMb: Math.round(heapMb),
    product: db && { ...db, targetSeconds: 60, withinTarget: db.seconds <= 60 },
  };
  console.log(`RESULT ${JSON.stringify(result)}`);
}
