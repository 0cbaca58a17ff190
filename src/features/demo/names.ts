import { mulberry32 } from '../../domain/random/prng';
/** Plausible Chinese names, weighted towards common surnames, from a seeded generator. */
const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文';
const GIVEN_M = '伟强磊军勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆帅旭宁龙林洋峰晨阳博文轩子涵睿泽宇航浩然一鸣思远嘉豪梓豪俊杰';
const GIVEN_F = '芳娜敏静丽艳娟霞燕玲婷雪慧莹倩颖琳欣怡梓涵雨萱诗涵可馨思彤欣妍一诺语桐子萱佳琪梦瑶雅静紫涵若汐';

export type Rng = () => number;

/** Seeded, so demo data is the same on every first start. */
export const seededRng = (seed: number): Rng => mulberry32(seed);

export const pick = <T>(rng: Rng, items: readonly T[] | string): T => items[Math.floor(rng() * items.length)] as T;
export const between = (rng: Rng, min: number, max: number) => min + Math.floor(rng() * (max - min + 1));

export function normal(rng: Rng, mean: number, sd: number): number {
  const u = Math.max(rng(), 1e-12);
  return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

export function personName(rng: Rng, gender: 'male' | 'female', surname = pick<string>(rng, SURNAMES)): string {
  const pool = gender === 'male' ? GIVEN_M : GIVEN_F;
  const given = rng() < 0.55 ? pick<string>(rng, pool) + pick<string>(rng, pool) : pick<string>(rng, pool);
  return surname + given;
}

export const surnameOf = (name: string) => name[0];

export function mobile(rng: Rng): string {
  return pick(rng, ['138', '139', '137', '136', '150', '151', '158', '159', '186', '187', '188', '133', '153', '177', '180', '189']) + String(between(rng, 0, 99_999_999)).padStart(8, '0');
}

export const OCCUPATIONS: { name: string; highRisk: boolean; weight: number }[] = [
  { name: '个体经营', highRisk: false, weight: 18 },
  { name: '企业职员', highRisk: false, weight: 22 },
  { name: '农民', highRisk: false, weight: 16 },
  { name: '教师', highRisk: false, weight: 5 },
  { name: '公务员', highRisk: false, weight: 4 },
  { name: '工人', highRisk: false, weight: 12 },
  { name: '退休', highRisk: false, weight: 10 },
  { name: '医务人员', highRisk: true, weight: 3 },
  { name: '冷链物流从业人员', highRisk: true, weight: 1.2 },
  { name: '进口货物装卸', highRisk: true, weight: 0.6 },
  { name: '隔离酒店工作人员', highRisk: true, weight: 0.5 },
  { name: '交通运输（客运司乘）', highRisk: true, weight: 2 },
  { name: '农贸市场从业人员', highRisk: true, weight: 1.5 },
];

export function occupation(rng: Rng) {
  const total = OCCUPATIONS.reduce((s, o) => s + o.weight, 0);
  let x = rng() * total;
  for (const o of OCCUPATIONS) {
    x -= o.weight;
    if (x <= 0) return o;
  }
  return OCCUPATIONS[0];
}
