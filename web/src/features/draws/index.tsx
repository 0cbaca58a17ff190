import { FieldNumberOutlined } from '@ant-design/icons';
import type { FeatureModule } from '../../shared/feature';
import { DrawsPage } from './DrawsPage';

export const drawsFeature: FeatureModule = {
  name: 'draws',
  menu: [{ key: 'draws', label: 'menu.draws', icon: <FieldNumberOutlined />, permission: 'draw.read', order: 81, to: '/draws' }],
  routes: [{ path: '/draws', element: <DrawsPage />, permission: 'draw.read' }],
};
