import { AlertOutlined } from '@ant-design/icons';
import type { FeatureModule } from '../../shared/feature';
import { FootingPage } from './FootingPage';

export const footingFeature: FeatureModule = {
  name: 'footing',
  menu: [{ key: 'footing', label: 'menu.footing', icon: <AlertOutlined />, permission: 'footing.read', order: 22, to: '/footing' }],
  routes: [{ path: '/footing', element: <FootingPage />, permission: 'footing.read' }],
};
