import { ClusterOutlined } from '@ant-design/icons';
import type { FeatureModule } from '../../shared/feature';
import { GridCoveragePage } from './GridCoveragePage';

export const gridFeature: FeatureModule = {
  name: 'grid',
  menu: [{ key: 'grid', label: 'menu.grid', icon: <ClusterOutlined />, permission: 'grid.read', order: 40, to: '/grid' }],
  routes: [{ path: '/grid', element: <GridCoveragePage />, permission: 'grid.read' }],
};
