import type { AppContext } from '../http/context';
import type { App } from '../http/types';
import { registerAccountRoutes } from './accounts/routes';
import { registerAuditRoutes } from './audit/routes';
import { registerResponseRoutes } from './cases/response-routes';
import { registerCampusRoutes } from './gate/campus-routes';
import { registerGovernanceRoutes } from './governance-dashboard/register';
import { registerGridRoutes } from './grid/routes';
import { registerLeaveRoutes } from './leave/routes';
import { registerPeopleRoutes } from './people/routes';
import { registerReentryRoutes } from './reentry/routes';
import { registerRegionRoutes } from './regions/routes';
import { registerRosterRoutes } from './roster/routes';
import { registerSchoolRoutes } from './schools/routes';
import { registerScreeningRoutes } from './screening/routes';
import { registerTestingRoutes } from './testing/routes';

/** Each capability registers its routes here, one line each. */
export async function registerFeatures(app: App, ctx: AppContext): Promise<void> {
  registerAccountRoutes(app, ctx);
  registerAuditRoutes(app, ctx);
  registerRegionRoutes(app, ctx);
  registerSchoolRoutes(app, ctx);
  registerPeopleRoutes(app, ctx);
  registerGridRoutes(app, ctx);
  registerGovernanceRoutes(app, ctx);
  registerRosterRoutes(app, ctx);
  registerResponseRoutes(app, ctx);
  registerLeaveRoutes(app, ctx);
  registerReentryRoutes(app, ctx);
  registerTestingRoutes(app, ctx);
  registerScreeningRoutes(app, ctx);
  (await import('./checks/routes')).registerDailyMonitoringRoutes(app, ctx);
  registerCampusRoutes(app, ctx);
  (await import('./alerts/register')).registerEarlyWarningRoutes(app, ctx);
}
