// Default rule set. Sources: 学校和托幼机构传染病疫情报告工作规范（试行）(2006) for the cluster and
// single-case rules; detection.md §1 and reference/school-diseases.json for disease thresholds.
import type { DiseaseRule, RuleSet } from './types';

const week = (over: Partial<DiseaseRule>): DiseaseRule => ({
  enabled: true,
  caseDefinition: 'diagnosis',
  windowDays: 7,
  dayMode: 'calendar',
  reportDeadline: '24h',
  emergencyDeadline: '2h',
  ...over,
});

/** Notifiable (Class A/B/C) diseases of the school list; varicella and herpangina are not national ones. */
export const NOTIFIABLE_DISEASES = [
  'influenza',
  'hfmd',
  'mumps',
  'norovirus',
  'covid19',
  'tuberculosis',
  'measles',
  'rubella',
  'scarlet_fever',
  'ahc',
  'bacillary_dysentery',
  'hepatitis_a',
];

/** Every disease code the rules know (school-diseases.json). */
export const KNOWN_DISEASES = [...NOTIFIABLE_DISEASES, 'varicella', 'herpangina'];

export const DEFAULT_RULE_SET: RuleSet = {
  cluster: { enabled: true, casesInDay: 3, casesInWindow: 5, windowDays: 3, dayMode: 'school', units: ['class', 'dorm'], deadline: '24h' },
  singleCase: {
    notifiable: { enabled: true, deadline: 'immediate', diseases: NOTIFIABLE_DISEASES },
    severe: { enabled: true, deadline: '24h' },
  },
  diseases: {
    influenza: week({
      caseDefinition: 'ili',
      class: { casesInDay: 5, currentlyIllShare: 0.3 },
      school: { report: 10, emergency: 30, emergencyHospitalised: 5, emergencyDeaths: 2 },
    }),
    hfmd: week({ class: { casesInWindow: 2 }, dorm: { casesInWindow: 2 }, school: { report: 5, emergency: 10 } }),
    varicella: week({ school: { report: 5, emergency: 10 } }),
    mumps: week({ school: { report: 5, emergency: 10 } }),
    rubella: week({ school: { report: 5, emergency: 10 } }),
    scarlet_fever: week({ school: { report: 10, emergency: 10 } }),
    measles: week({ reportWindowDays: 10, school: { report: 2, emergency: 10 } }),
    norovirus: week({ school: { report: 10, emergency: 20, emergencyDeaths: 1 } }),
    ahc: week({ school: { report: 3 } }),
    covid19: week({ school: { report: 2 }, reportDeadline: '2h' }),
  },
};
