import type { PolicyRules } from './types';

const noTravel = { lockdownStatus: 'yellow', controlledStatus: 'green', lookbackDays: 0 } as const;
const release = { periodComplete: true, allTestsNegative: true, symptomFreeDays: 0 };

/**
 * Shipped profiles (the national defaults before any province or city edits them). COVID-19 is the
 * mid-2022 control plan the source document ran under; the others follow typical school guidance
 * (shared/data/school-diseases.json). Numbers are defaults for configurable policy, not medical advice.
 */
export const SHIPPED_PROFILES: Record<string, PolicyRules> = {
  covid19: {
    name: { zh: '新型冠状病毒感染（2022年版防控方案）', en: 'COVID-19 (mid-2022 control plan)' },
    isolation: {
      case: { kind: 'site', days: 10, monitoringDays: 7, testDays: [1, 3, 5, 7, 9, 10] },
      // 密接: 7 days centralised isolation + 3 days home monitoring, tests on days 1, 2, 3, 5, 7.
      close_contact: { kind: 'site', days: 7, monitoringDays: 3, testDays: [1, 2, 3, 5, 7] },
      // Family members returning from elsewhere: 7 days home isolation, 3 tests.
      returning_household: { kind: 'home', days: 7, monitoringDays: 0, testDays: [1, 4, 7] },
      risk_area: { kind: 'home', days: 7, monitoringDays: 0, testDays: [1, 4, 7] },
    },
    release: { ...release, symptomFreeDays: 3 },
    contacts: { via: ['class', 'dorm', 'dining', 'bus', 'arrival', 'household', 'teacher'], lookbackDays: 4, status: 'red', statusDays: 7 },
    returnMinDaysFromOnset: 10,
    // The source document: residents of the Shaoyuan lockdown zone held yellow codes.
    riskAreaTravel: { lockdownStatus: 'yellow', controlledStatus: 'yellow', lookbackDays: 7 },
    testing: { keyPositionsPerWeek: 2 },
  },
  influenza: {
    name: { zh: '流行性感冒', en: 'Influenza' },
    isolation: { case: { kind: 'home', days: 5, monitoringDays: 0, testDays: [] } },
    release: { periodComplete: true, allTestsNegative: false, symptomFreeDays: 2 },
    contacts: { via: ['class', 'dorm', 'household'], lookbackDays: 1, status: 'yellow', statusDays: 7 },
    returnMinDaysFromOnset: 5,
    riskAreaTravel: noTravel,
    testing: { keyPositionsPerWeek: 0 },
  },
  norovirus: {
    name: { zh: '诺如病毒感染', en: 'Norovirus infection' },
    isolation: { case: { kind: 'home', days: 3, monitoringDays: 0, testDays: [] } },
    release: { periodComplete: true, allTestsNegative: false, symptomFreeDays: 3 },
    contacts: { via: ['class', 'dorm', 'dining', 'household'], lookbackDays: 2, status: 'yellow', statusDays: 7 },
    returnMinDaysFromOnset: 3,
    riskAreaTravel: noTravel,
    testing: { keyPositionsPerWeek: 0 },
  },
  varicella: {
    name: { zh: '水痘', en: 'Varicella (chickenpox)' },
    isolation: { case: { kind: 'home', days: 14, monitoringDays: 0, testDays: [] }, close_contact: { kind: 'home', days: 0, monitoringDays: 21, testDays: [] } },
    release: { periodComplete: true, allTestsNegative: false, symptomFreeDays: 0 },
    contacts: { via: ['class', 'dorm', 'bus', 'household'], lookbackDays: 2, status: 'yellow', statusDays: 7 },
    returnMinDaysFromOnset: 14,
    riskAreaTravel: noTravel,
    testing: { keyPositionsPerWeek: 0 },
  },
  mumps: {
    name: { zh: '流行性腮腺炎', en: 'Mumps' },
    isolation: { case: { kind: 'home', days: 9, monitoringDays: 0, testDays: [] } },
    release: { periodComplete: true, allTestsNegative: false, symptomFreeDays: 0 },
    contacts: { via: ['class', 'dorm', 'household'], lookbackDays: 7, status: 'yellow', statusDays: 7 },
    returnMinDaysFromOnset: 9,
    riskAreaTravel: noTravel,
    testing: { keyPositionsPerWeek: 0 },
  },
  hfmd: {
    name: { zh: '手足口病', en: 'Hand, foot and mouth disease' },
    isolation: { case: { kind: 'home', days: 14, monitoringDays: 0, testDays: [] } },
    release: { periodComplete: true, allTestsNegative: false, symptomFreeDays: 7 },
    contacts: { via: ['class', 'dorm', 'dining', 'household'], lookbackDays: 3, status: 'yellow', statusDays: 7 },
    returnMinDaysFromOnset: 14,
    riskAreaTravel: noTravel,
    testing: { keyPositionsPerWeek: 0 },
  },
  measles: {
    name: { zh: '麻疹', en: 'Measles' },
    isolation: { case: { kind: 'home', days: 5, monitoringDays: 0, testDays: [] }, close_contact: { kind: 'home', days: 0, monitoringDays: 21, testDays: [] } },
    release: { periodComplete: true, allTestsNegative: false, symptomFreeDays: 0 },
    contacts: { via: ['class', 'dorm', 'dining', 'bus', 'arrival', 'household', 'teacher'], lookbackDays: 4, status: 'yellow', statusDays: 7 },
    returnMinDaysFromOnset: 5,
    riskAreaTravel: noTravel,
    testing: { keyPositionsPerWeek: 0 },
  },
  tuberculosis: {
    name: { zh: '肺结核', en: 'Pulmonary tuberculosis' },
    isolation: { case: { kind: 'home', days: 60, monitoringDays: 0, testDays: [14, 30, 60] } },
    release: { periodComplete: true, allTestsNegative: true, symptomFreeDays: 0 },
    contacts: { via: ['class', 'dorm', 'household', 'teacher'], lookbackDays: 90, status: 'yellow', statusDays: 14 },
    returnMinDaysFromOnset: 60,
    riskAreaTravel: noTravel,
    testing: { keyPositionsPerWeek: 0 },
  },
};

export const SHIPPED_DISEASES = Object.keys(SHIPPED_PROFILES);
