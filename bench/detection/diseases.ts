// Natural history per disease for the outbreak simulation (days). Values are typical textbook ranges
// (incubation, infectious period, share without symptoms) and school-practice absence lengths.
export type DiseaseCode = 'influenza' | 'norovirus' | 'varicella' | 'mumps' | 'hfmd' | 'measles';

/** Syndrome series the detectors watch: 0 respiratory/fever, 1 gastrointestinal, 2 rash. */
export const SYNDROMES = ['respiratory', 'gastrointestinal', 'rash'] as const;
export type SyndromeIndex = 0 | 1 | 2;

export interface DiseaseModel {
  code: DiseaseCode;
  syndrome: SyndromeIndex;
  /** Latent period (not infectious), inclusive range in days. */
  latent: [number, number];
  /** Infectious days before symptoms. */
  preSymptomatic: number;
  /** Infectious days with symptoms. */
  symptomatic: [number, number];
  asymptomaticShare: number;
  /** Probability a symptomatic case stays home (an illness absence). */
  absentShare: number;
  absence: [number, number];
  /** Reproduction number range among susceptible classmates (school days only). */
  R: [number, number];
  /** Share immune before the outbreak (vaccination, past infection). */
  immune: number;
  /** Point-source share of a school exposed on day 0 (canteen, water); 0 = none. */
  pointSource?: [number, number];
}

export const DISEASES: Record<DiseaseCode, DiseaseModel> = {
  influenza: { code: 'influenza', syndrome: 0, latent: [1, 2], preSymptomatic: 1, symptomatic: [3, 5], asymptomaticShare: 0.3, absentShare: 0.75, absence: [2, 5], R: [2.5, 3.5], immune: 0.3 },
  norovirus: { code: 'norovirus', syndrome: 1, latent: [1, 1], preSymptomatic: 0, symptomatic: [2, 3], asymptomaticShare: 0.3, absentShare: 0.8, absence: [2, 3], R: [2, 3], immune: 0.2 },
  varicella: { code: 'varicella', syndrome: 2, latent: [11, 15], preSymptomatic: 2, symptomatic: [4, 6], asymptomaticShare: 0.05, absentShare: 0.95, absence: [7, 10], R: [4, 7], immune: 0.6 },
  mumps: { code: 'mumps', syndrome: 0, latent: [14, 18], preSymptomatic: 2, symptomatic: [4, 6], asymptomaticShare: 0.3, absentShare: 0.9, absence: [7, 10], R: [3, 5], immune: 0.6 },
  hfmd: { code: 'hfmd', syndrome: 2, latent: [3, 5], preSymptomatic: 1, symptomatic: [4, 6], asymptomaticShare: 0.5, absentShare: 0.9, absence: [7, 10], R: [2, 3.5], immune: 0.3 },
  measles: { code: 'measles', syndrome: 2, latent: [9, 11], preSymptomatic: 4, symptomatic: [4, 5], asymptomaticShare: 0.02, absentShare: 0.95, absence: [5, 7], R: [12, 18], immune: 0.92 },
};

export interface Scenario {
  name: string;
  description: string;
  /** Disease mix of injected outbreaks, weights. */
  mix: Partial<Record<DiseaseCode, number>>;
  /** Share of norovirus outbreaks that start from a point source. */
  pointSourceShare: number;
}

export const SCENARIOS: Record<string, Scenario> = {
  typical: { name: 'typical', description: 'influenza-like outbreaks, R 2.5-3.5', mix: { influenza: 1 }, pointSourceShare: 0 },
  mixed: {
    name: 'mixed',
    description: 'influenza, norovirus (30 % point source), varicella, mumps, HFMD, measles',
    mix: { influenza: 0.35, norovirus: 0.2, varicella: 0.15, mumps: 0.1, hfmd: 0.15, measles: 0.05 },
    pointSourceShare: 0.3,
  },
};
