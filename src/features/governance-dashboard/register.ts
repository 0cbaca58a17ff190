import type { AppContext } from '../../http/context';
import type { App } from '../../http/types';
import { registerDrawRoutes } from '../draws/routes';

/** The governance capabilities' routes (issue 7), registered with one line in src/features/index.ts. */
export function registerGovernanceRoutes(app: App, ctx: AppContext) {
  registerDrawRoutes(app, ctx);
}
