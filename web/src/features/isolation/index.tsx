import { HeartOutlined, HomeOutlined } from '@ant-design/icons';
import type { FeatureModule } from '../../shared/feature';
import type { MessageKey } from '../../shared/i18n';
import { IsolationCheckinPage } from './IsolationCheckinPage';
import { IsolationDetailPage } from './IsolationDetailPage';
import { IsolationPage } from './IsolationPage';

export const isolationFeature: FeatureModule = {
  name: 'isolation',
  menu: [
    { key: 'isolation', label: 'menu.isolation' as MessageKey, icon: <HomeOutlined />, permission: 'isolation.read', order: 40, to: '/isolation' },
    // Parents check in for their child here; school staff can record check-ins for those in their scope.
    { key: 'isolation-checkins', label: 'menu.isolationCheckins' as MessageKey, icon: <HeartOutlined />, permission: 'isolation.checkin', order: 41, to: '/isolation/checkins' },
  ],
  routes: [
    { path: '/isolation', element: <IsolationPage />, permission: 'isolation.read' },
    { path: '/isolation/checkins', element: <IsolationCheckinPage />, permission: 'isolation.checkin' },
    { path: '/isolation/:id', element: <IsolationDetailPage />, permission: 'isolation.read' },
  ],
};
