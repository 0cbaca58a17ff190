import type { FeatureModule } from '../../shared/feature';
import { NotificationsPage } from './NotificationsPage';

/** The notification list; the bell itself sits in the header (app/layout). */
export const notificationsFeature: FeatureModule = {
  name: 'notifications',
  routes: [{ path: '/notifications', element: <NotificationsPage /> }],
};
