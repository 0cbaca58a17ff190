import { FileProtectOutlined } from '@ant-design/icons';
import type { FeatureModule } from '../../shared/feature';
import { PlansPage } from './PlansPage';

export const plansFeature: FeatureModule = {
  name: 'plans',
  menu: [{ key: 'plans', label: 'menu.plans', icon: <FileProtectOutlined />, permission: 'plan.read', order: 87, to: '/plans' }],
  routes: [{ path: '/plans', element: <PlansPage />, permission: 'plan.read' }],
};
