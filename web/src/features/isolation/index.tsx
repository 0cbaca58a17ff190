import { HomeOutlined } from '@ant-design/icons';
import type { FeatureModule } from '../../shared/feature';
import type { MessageKey } from '../../shared/i18n';
import { IsolationDetailPage } from './IsolationDetailPage';
import { IsolationPage } from './IsolationPage';

export const isolationFeature: FeatureModule = {
  name: 'isolation',
  menu: [{ key: 'isolation', label: 'menu.isolation' as MessageKey, icon: <HomeOutlined />, permission: 'isolation.read', order: 40, to: '/isolation' }],
  routes: [
    { path: '/isolation', element: <IsolationPage />, permission: 'isolation.read' },
    { path: '/isolation/:id', element: <IsolationDetailPage />, permission: 'isolation.read' },
  ],
};
