import type { AppContext } from '../http/context';
import { setResponseNotifier } from './cases/notify';
import { deliverResponseNotifications } from './notifications/response-bridge';

/**
 * Connects capabilities that must not import each other directly: who hears about response events.
 * Called once when the app is built.
 */
export function wireCapabilities(ctx: AppContext): void {
  setResponseNotifier((db, list) => deliverResponseNotifications(db, list, ctx.now));
}
