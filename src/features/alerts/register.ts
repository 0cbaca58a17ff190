import type { AppContext } from '../../http/context';
import type { App } from '../../http/types';
import { registerNotificationRoutes } from '../notifications/routes';
import { registerAlertRoutes } from './routes';

/** Early warning's routes: the alert queue and rule sets, and the notifications it (and others) send. */
export function registerEarlyWarningRoutes(app: App, ctx: AppContext) {
  registerAlertRoutes(app, ctx);
  registerNotificationRoutes(app, ctx);
}
