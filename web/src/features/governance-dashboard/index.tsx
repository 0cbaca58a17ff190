import { DashboardOutlined } from '@ant-design/icons';
import type { FeatureModule } from '../../shared/feature';
import { DashboardPage } from './DashboardPage';

export const governanceDashboardFeature: FeatureModule = {
  name: 'governance-dashboard',
  menu: [{ key: 'governance', label: 'menu.governance', icon: <DashboardOutlined />, permission: 'governance.dashboard', order: 80, to: '/governance' }],
  routes: [{ path: '/governance', element: <DashboardPage />, permission: 'governance.dashboard' }],
};
