import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The one module through which product code reads the shipped reference data in /reference
 * (sources and licences in reference/README.md), so a data refresh touches one place.
 */
const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../reference');
const cache = new Map<string, unknown>();

function load<T>(file: string): T {
  if (!cache.has(file)) cache.set(file, JSON.parse(readFileSync(path.join(dir, file), 'utf8')));
  return cache.get(file) as T;
}

export interface Division {
  code: string;
  name: string;
  nameEn: string;
  level: 'province' | 'prefecture' | 'prefecture-group' | 'county';
  parentCode: string | null;
  official: boolean;
  kind?: string;
  provinceDirect?: boolean;
  center: [number, number] | null;
}

export interface Township {
  code: string;
  name: string;
  countyCode: string;
  kind: string;
}

export interface SymptomDef {
  code: string;
  nameZh: string;
  nameEn: string;
}

export interface DiseaseDef {
  code: string;
  nameZh: string;
  nameEn: string;
  legalClass: string;
  symptoms: string[];
  returnZh: string;
  returnEn: string;
  minDaysFromOnset: number | null;
  cluster: { windowDays: number; cases: number; scope: string; caseDefinition?: string } | null;
  [key: string]: unknown;
}

export const henanDivisions = () => load<{ divisions: Division[] }>('henan-divisions.json').divisions;
export const demoTownships = () => load<{ townships: Township[] }>('demo-region-townships.json').townships;
export const educationStats = () => load<{ henan: Record<string, any>; syntheticDefaults: Record<string, any> }>('henan-education-stats.json');
export const schoolDiseases = () => load<{ symptoms: SymptomDef[]; feverThresholdsC: Record<string, number>; diseases: DiseaseDef[] }>('school-diseases.json');
