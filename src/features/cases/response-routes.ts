import type { AppContext } from '../../http/context';
import type { App } from '../../http/types';
import { registerExposureRoutes } from '../contacts/routes';
import { registerFootingRoutes } from '../footing/routes';
import { registerIsolationRoutes } from '../isolation/routes';
import { registerPolicyRoutes } from '../policies/routes';
import { registerRiskRoutes } from '../risk/routes';
import { registerResponseFileSections } from './file-sections';
import { registerCaseRoutes } from './routes';

/** Every response capability (policies, cases, contacts, risk, isolation, footing), registered with one line in src/features/index.ts. */
export function registerResponseRoutes(app: App, ctx: AppContext) {
  registerPolicyRoutes(app, ctx);
  registerCaseRoutes(app, ctx);
  registerExposureRoutes(app, ctx);
  registerRiskRoutes(app, ctx);
  registerIsolationRoutes(app, ctx);
  registerFootingRoutes(app, ctx);
  registerResponseFileSections();
}
