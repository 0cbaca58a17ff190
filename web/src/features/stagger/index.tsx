import { FieldTimeOutlined } from '@ant-design/icons';
import type { FeatureModule } from '../../shared/feature';
import { StaggerPage } from './StaggerPage';

export const staggerFeature: FeatureModule = {
  name: 'stagger',
  menu: [{ key: 'stagger', label: 'menu.stagger', icon: <FieldTimeOutlined />, permission: 'stagger.read', order: 64, to: '/stagger' }],
  routes: [{ path: '/stagger', element: <StaggerPage />, permission: 'stagger.read' }],
};
