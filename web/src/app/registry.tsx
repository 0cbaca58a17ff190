import { accountsFeature } from '../features/accounts';
import { checksFeature } from '../features/checks';
import { dashboardsFeature } from '../features/dashboards';
import { alertsFeature } from '../features/alerts';
import { auditFeature } from '../features/audit';
import { gateFeature } from '../features/gate';
import { noticesFeature } from '../features/notices';
import { hygieneFeature } from '../features/hygiene';
import { staggerFeature } from '../features/stagger';
import { suppliesFeature } from '../features/supplies';
import { gridFeature } from '../features/grid';
import { homeFeature } from '../features/home';
import { notificationsFeature } from '../features/notifications';
import { peopleFeature } from '../features/people';
import { regionsFeature } from '../features/regions';
import { rosterFeature } from '../features/roster';
import { schoolsFeature } from '../features/schools';
import { drawsFeature } from '../features/draws';
import { governanceDashboardFeature } from '../features/governance-dashboard';
import { inspectionsFeature } from '../features/inspections';
import { pairingFeature } from '../features/pairing';
import { plansFeature } from '../features/plans';
import { rectificationFeature } from '../features/rectification';
import { taskForcesFeature } from '../features/taskforces';
import { leaveFeature } from '../features/leave';
import { isolationFeature } from '../features/isolation';
import { reentryFeature } from '../features/reentry';
import { casesFeature } from '../features/cases';
import { screeningFeature } from '../features/screening';
import { testingFeature } from '../features/testing';
import { policiesFeature } from '../features/policies';
import { riskFeature } from '../features/risk';
import { checklistsFeature } from '../features/checklists';
import { vaccinationFeature } from '../features/vaccination';
import { onlineTeachingFeature } from '../features/online-teaching';
import { footingFeature } from '../features/footing';
import type { FeatureModule, Me, MenuEntry } from '../shared/feature';

/**
 * Every capability of the web app. A new capability (checks, alerts, cases, gate …) exports a
 * FeatureModule from web/src/features/<capability>/index.tsx and adds one line here.
 */
export const features: FeatureModule[] = [
  homeFeature,
  checksFeature,
  dashboardsFeature,
  regionsFeature,
  schoolsFeature,
  peopleFeature,
  rosterFeature,
  gridFeature,
  accountsFeature,
  auditFeature,
  gateFeature,
  noticesFeature,
  hygieneFeature,
  staggerFeature,
  suppliesFeature,
  alertsFeature,
  notificationsFeature,
  governanceDashboardFeature,
  drawsFeature,
  inspectionsFeature,
  rectificationFeature,
  pairingFeature,
  taskForcesFeature,
  plansFeature,
  leaveFeature,
  isolationFeature,
  reentryFeature,
  casesFeature,
  screeningFeature,
  testingFeature,
  policiesFeature,
  riskFeature,
  checklistsFeature,
  vaccinationFeature,
  onlineTeachingFeature,
  footingFeature,
];

export interface VisibleMenuItem {
  key: string;
  entry: MenuEntry;
  to: string;
}

/** The menu the account sees: only entries whose permission /api/me lists. */
export function visibleMenu(me: Me): VisibleMenuItem[] {
  const out: VisibleMenuItem[] = [];
  for (const feature of features) {
    for (const entry of feature.menu ?? []) {
      if (entry.permission && !me.permissions.includes(entry.permission)) continue;
      const to = typeof entry.to === 'function' ? entry.to(me) : entry.to;
      if (to) out.push({ key: entry.key, entry, to });
    }
  }
  return out.sort((a, b) => a.entry.order - b.entry.order);
}
