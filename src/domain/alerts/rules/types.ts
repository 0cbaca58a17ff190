// Regulatory rules as data. Defaults follow the 2006 school reporting norm and the disease thresholds
// in docs (detection.md); every number may be overridden down the hierarchy (province → school).
import type { IsoDate } from '../../calendar';

export type Deadline = 'immediate' | '2h' | '24h';
export type SignalLevel = 'report' | 'emergency';
export type DayMode = 'school' | 'calendar';
export type UnitKind = 'class' | 'dorm' | 'school';
export type Syndrome = 'respiratory' | 'gastrointestinal' | 'rash' | 'fever' | 'jaundice' | 'conjunctivitis' | 'parotitis' | 'other';

/** One ill person as the rules see it: an illness-absence episode or a symptomatic check. */
export interface CaseRecord {
  personId: string;
  schoolId: string;
  classId: string;
  dormId?: string | null;
  /** Onset, or first day reported when the onset is unknown. */
  date: IsoDate;
  symptoms: string[];
  /** Highest temperature seen, °C. */
  temperature?: number | null;
  /** Derived from the symptoms when absent. */
  syndrome?: Syndrome;
  /** Diagnosis code from school-diseases.json (confirmed or suspected). */
  disease?: string | null;
  /** First day back (or recovered); the person counts as currently ill before it. */
  returnedOn?: IsoDate | null;
  severe?: { unexplainedHighFever?: boolean; shortnessOfBreath?: boolean; severeVomitingDiarrhoea?: boolean };
  hospitalised?: boolean;
  died?: boolean;
}

export interface ClusterRule {
  enabled: boolean;
  /** Cases with the same syndrome in one unit on one day. */
  casesInDay: number;
  /** Cases with the same syndrome in one unit within `windowDays` consecutive days. */
  casesInWindow: number;
  windowDays: number;
  dayMode: DayMode;
  units: Array<'class' | 'dorm'>;
  deadline: Deadline;
}

export interface SingleCaseRules {
  notifiable: { enabled: boolean; deadline: Deadline; diseases: string[] };
  severe: { enabled: boolean; deadline: Deadline };
}

export interface Threshold {
  /** Cases within the disease's window; omitted = no such signal. */
  cases?: number;
}

export interface DiseaseRule {
  enabled: boolean;
  /** 'ili': temperature ≥ 38 °C with cough or sore throat, or a diagnosis of the disease. */
  caseDefinition: 'diagnosis' | 'ili';
  windowDays: number;
  dayMode: DayMode;
  class?: { casesInWindow?: number; casesInDay?: number; currentlyIllShare?: number };
  dorm?: { casesInWindow?: number };
  school?: { report?: number; emergency?: number; emergencyHospitalised?: number; emergencyDeaths?: number };
  /** Window of the school report signal when it differs (measles: 2 cases in 10 days). */
  reportWindowDays?: number;
  reportDeadline: Deadline;
  emergencyDeadline: Deadline;
}

export interface RuleSet {
  cluster: ClusterRule;
  singleCase: SingleCaseRules;
  diseases: Record<string, DiseaseRule>;
}

export interface Signal {
  rule: string;
  unit: { kind: UnitKind; id: string };
  window: { from: IsoDate; to: IsoDate };
  persons: string[];
  count: number;
  deadline: Deadline;
  level: SignalLevel;
  disease?: string;
  syndrome?: Syndrome;
}

type DeepPartial<T> = T extends Array<infer U> ? U[] : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> | null } : T;
/** An override: any subset of a rule set; `null` removes an optional threshold. */
export type RuleSetOverride = DeepPartial<RuleSet>;
