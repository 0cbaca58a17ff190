/**
 * A disease policy: every number a school's response depends on, kept as data so a province or
 * city can change it (and a decision can say which version it followed).
 */
export type IsolationKind = 'home' | 'on_campus' | 'site';
export type ContactVia = 'class' | 'dorm' | 'dining' | 'bus' | 'arrival' | 'household' | 'teacher';
export const CONTACT_VIAS: readonly ContactVia[] = ['class', 'dorm', 'dining', 'bus', 'arrival', 'household', 'teacher'];

/** Who is isolated under which plan: a case, a close contact, a household member returning from elsewhere, a risk-area traveller. */
export type IsolationRole = 'case' | 'close_contact' | 'returning_household' | 'risk_area';
export const ISOLATION_ROLES: readonly IsolationRole[] = ['case', 'close_contact', 'returning_household', 'risk_area'];

export interface IsolationRule {
  kind: IsolationKind;
  /** Days of isolation, counting the start date as day 1. */
  days: number;
  /** Days of health monitoring at home after the isolation ends. */
  monitoringDays: number;
  /** Isolation days (1-based) on which a test is due. */
  testDays: number[];
}

export interface ReleaseCriteria {
  /** The planned period must be over. */
  periodComplete: boolean;
  /** Every test day up to the end must have a negative result. */
  allTestsNegative: boolean;
  /** Days without symptoms in the check-ins before release. */
  symptomFreeDays: number;
}

export interface PolicyRules {
  name: { zh: string; en: string };
  /** Isolation plans by role; a missing role means the disease does not isolate that group. */
  isolation: Partial<Record<IsolationRole, IsolationRule>>;
  release: ReleaseCriteria;
  contacts: {
    /** Which parts of the school's structure make someone a proposed contact. */
    via: ContactVia[];
    /** Exposure counts from this many days before onset (or before the report when onset is unknown). */
    lookbackDays: number;
    /** Risk colour of a confirmed close contact while the exposure is recent. */
    status: 'red' | 'yellow';
    /** How long after the last exposure a contact keeps that colour. */
    statusDays: number;
  };
  /** Return to class after being a case: days from onset at least. */
  returnMinDaysFromOnset: number;
  /** Does a stay in a lockdown/controlled area make a person yellow? */
  riskAreaTravel: { lockdownStatus: 'red' | 'yellow'; controlledStatus: 'yellow' | 'green'; lookbackDays: number };
  testing: { keyPositionsPerWeek: number };
}
