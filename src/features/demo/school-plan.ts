import type { SchoolType } from '../../db/tables';
import { type Division, type Township, demoTownships, henanDivisions } from '../../reference';
import { between, normal, pick, type Rng } from './names';

export type Scale = 'demo' | 'county' | 'city';

export interface PlannedSchool {
  code: string;
  name: string;
  type: SchoolType;
  boarding: boolean;
  countyCode: string;
  township: string;
  address: string;
  lng: number | null;
  lat: number | null;
  grades: { name: string; entryYear: number; age: number; classes: number[] }[]; // class sizes per grade
}

// Grade names and entry ages per school type. School year 2026–27: first-years entered in 2026.
const GRADES: Record<SchoolType, { names: string[]; firstAge: number }> = {
  kindergarten: { names: ['小班', '中班', '大班'], firstAge: 3 },
  primary: { names: ['一年级', '二年级', '三年级', '四年级', '五年级', '六年级'], firstAge: 6 },
  junior: { names: ['七年级', '八年级', '九年级'], firstAge: 12 },
  senior: { names: ['高一', '高二', '高三'], firstAge: 15 },
  nine_year: { names: ['一年级', '二年级', '三年级', '四年级', '五年级', '六年级', '七年级', '八年级', '九年级'], firstAge: 6 },
  twelve_year: { names: ['一年级', '二年级', '三年级', '四年级', '五年级', '六年级', '七年级', '八年级', '九年级', '高一', '高二', '高三'], firstAge: 6 },
  vocational: { names: ['中职一年级', '中职二年级', '中职三年级'], firstAge: 15 },
  special: { names: ['一年级', '二年级', '三年级', '四年级', '五年级', '六年级'], firstAge: 7 },
};

// Classes per grade and class size (mean, sd) per type, after reference/henan-education-stats.json.
const SIZE: Record<SchoolType, { perGrade: [number, number]; classMean: number; classSd: number }> = {
  kindergarten: { perGrade: [1, 3], classMean: 28, classSd: 3 },
  primary: { perGrade: [2, 4], classMean: 36, classSd: 6 },
  junior: { perGrade: [4, 9], classMean: 48, classSd: 5 },
  senior: { perGrade: [8, 14], classMean: 50, classSd: 5 },
  nine_year: { perGrade: [2, 3], classMean: 42, classSd: 5 },
  twelve_year: { perGrade: [2, 3], classMean: 44, classSd: 5 },
  vocational: { perGrade: [4, 8], classMean: 42, classSd: 6 },
  special: { perGrade: [1, 1], classMean: 10, classSd: 2 },
};

const NAME_SUFFIX: Record<SchoolType, string> = {
  kindergarten: '幼儿园', primary: '小学', junior: '初级中学', senior: '高级中学', nine_year: '九年制学校', twelve_year: '实验学校', vocational: '职业中专', special: '特殊教育学校',
};
const ROADS = ['建设路', '人民路', '文化路', '解放路', '中州大道', '花园路', '学府路', '友谊路', '育才路', '和平路', '光明路', '农业路'];
const NUMERALS = ['第一', '第二', '第三', '第四', '第五', '第六', '第七', '第八', '第九', '第十'];

/** Demo scale: the places the source document names, a few schools each. */
const DEMO_COUNTIES: { code: string; types: SchoolType[] }[] = [
  { code: '410105', types: ['primary', 'primary', 'kindergarten', 'junior', 'senior', 'nine_year'] }, // 郑州 金水区
  { code: '410102', types: ['primary', 'junior', 'kindergarten'] }, // 郑州 中原区
  { code: '411202', types: ['primary', 'senior'] }, // 三门峡 湖滨区
  { code: '419001', types: ['primary', 'junior', 'twelve_year'] }, // 济源 (incl. 邵原镇)
  { code: '410404', types: ['primary', 'junior'] }, // 平顶山 石龙区
  { code: '411627', types: ['primary', 'junior', 'senior', 'vocational'] }, // 周口 太康县
];

// Share of schools by type in a county (Henan 2023, kindergartens included).
const TYPE_MIX: [SchoolType, number][] = [
  ['kindergarten', 0.45], ['primary', 0.36], ['junior', 0.08], ['nine_year', 0.04], ['senior', 0.03], ['twelve_year', 0.01], ['vocational', 0.02], ['special', 0.01],
];

function drawType(rng: Rng): SchoolType {
  let x = rng();
  for (const [t, p] of TYPE_MIX) {
    x -= p;
    if (x <= 0) return t;
  }
  return 'primary';
}

export function planSchools(scale: Scale, rng: Rng): PlannedSchool[] {
  const divisions = new Map(henanDivisions().map((d) => [d.code, d]));
  const townships = demoTownships();
  const plan: { county: Division; type: SchoolType }[] = [];
  if (scale === 'demo') {
    for (const c of DEMO_COUNTIES) for (const type of c.types) plan.push({ county: divisions.get(c.code)!, type });
  } else if (scale === 'county') {
    for (let i = 0; i < 180; i++) plan.push({ county: divisions.get('411627')!, type: drawType(rng) });
  } else {
    // Zhengzhou: 3,636 schools over its county-level units, weighted by township count.
    const counties = [...divisions.values()].filter((d) => d.parentCode === '410100');
    const weights = counties.map((c) => Math.max(3, townships.filter((t) => t.countyCode === c.code).length));
    const sum = weights.reduce((a, b) => a + b, 0);
    let left = 3636;
    counties.forEach((county, i) => {
      const n = i === counties.length - 1 ? left : Math.round((3636 * weights[i]) / sum);
      left -= n;
      for (let k = 0; k < n; k++) plan.push({ county, type: drawType(rng) });
    });
  }
  const seq = new Map<string, number>();
  const byName = new Map<string, number>();
  return plan.map(({ county, type }) => {
    const n = (seq.get(county.code) ?? 0) + 1;
    seq.set(county.code, n);
    const local = townships.filter((t) => t.countyCode === county.code);
    const township: Township | undefined = county.code === '419001' && type === 'twelve_year' ? local.find((t) => t.name === '邵原镇') : local.length ? pick(rng, local) : undefined;
    const place = township?.name.replace(/(街道|镇|乡|办事处)$/, '') ?? county.name.replace(/(区|县|市)$/, '');
    const key = `${county.code}${place}${type}`;
    const k = (byName.get(key) ?? 0) + 1;
    byName.set(key, k);
    const name = `${county.name}${place}${k > 1 ? NUMERALS[(k - 1) % 10] : ''}${NAME_SUFFIX[type]}${k > 10 ? k : ''}`;
    const g = GRADES[type];
    const s = SIZE[type];
    const perGrade = scale === 'demo' ? Math.min(s.perGrade[1], Math.max(s.perGrade[0], 2)) : between(rng, s.perGrade[0], s.perGrade[1]);
    return {
      code: `1${county.code}${String(n).padStart(3, '0')}`,
      name,
      type,
      boarding: type === 'senior' || type === 'twelve_year' || (type === 'junior' && rng() < 0.3),
      countyCode: county.code,
      township: township?.name ?? '',
      address: `河南省${county.name}${township?.name ?? ''}${pick(rng, ROADS)}${between(rng, 1, 300)}号`,
      lng: county.center ? county.center[0] + (rng() - 0.5) * 0.12 : null,
      lat: county.center ? county.center[1] + (rng() - 0.5) * 0.1 : null,
      grades: g.names.map((gradeName, i) => ({
        name: gradeName,
        entryYear: 2026 - i,
        age: g.firstAge + i,
        classes: Array.from({ length: perGrade }, () => Math.max(8, Math.round(normal(rng, s.classMean, s.classSd)))),
      })),
    };
  });
}
