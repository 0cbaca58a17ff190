import type { AppContext } from '../../http/context';
import type { App } from '../../http/types';
import { registerHygieneRoutes } from '../hygiene/routes';
import { registerNoticeRoutes } from '../notices/routes';
import { registerOnlineTeachingRoutes } from '../online-teaching/routes';
import { registerSupplyRoutes } from '../supplies/routes';
import { registerVaccinationRoutes } from '../vaccination/routes';
import { registerStaggerRoutes } from '../stagger/routes';
import { registerVenueCodeRoutes } from '../venue-codes/routes';
import { registerPersonStateSource } from './person-state';
import { responseStateInline, responseStateSource } from './response-state';
import { registerGateRoutes } from './routes';

/** Every campus-operations capability's routes, registered with one line in src/features/index.ts. */
export function registerCampusRoutes(app: App, ctx: AppContext) {
  registerPersonStateSource('response', responseStateSource, responseStateInline);
  registerVenueCodeRoutes(app, ctx);
  registerGateRoutes(app, ctx);
  registerHygieneRoutes(app, ctx);
  registerNoticeRoutes(app, ctx);
  registerStaggerRoutes(app, ctx);
  registerOnlineTeachingRoutes(app, ctx);
  registerSupplyRoutes(app, ctx);
  registerVaccinationRoutes(app, ctx);
}
