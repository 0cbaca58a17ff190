import type { AppContext } from '../../http/context';
import type { App } from '../../http/types';
import { registerChecklistRoutes } from '../checklists/routes';
import { registerDrawRoutes } from '../draws/routes';
import { registerInspectionRoutes } from '../inspections/routes';
import { registerDashboardRoutes } from './routes';
import { registerPairingRoutes } from '../pairing/routes';
import { registerPlanRoutes } from '../plans/routes';
import { registerRectificationRoutes } from '../rectification/routes';
import { registerSelfReportRoutes } from '../self-reports/routes';
import { registerTaskForceRoutes } from '../taskforces/routes';

/** The governance capabilities' routes (issue 7), registered with one line in src/features/index.ts. */
export function registerGovernanceRoutes(app: App, ctx: AppContext) {
  registerDrawRoutes(app, ctx);
  registerChecklistRoutes(app, ctx);
  registerInspectionRoutes(app, ctx);
  registerRectificationRoutes(app, ctx);
  registerSelfReportRoutes(app, ctx);
  registerTaskForceRoutes(app, ctx);
  registerPlanRoutes(app, ctx);
  registerPairingRoutes(app, ctx);
  registerDashboardRoutes(app, ctx);
}
