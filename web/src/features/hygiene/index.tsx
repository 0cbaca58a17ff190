import { ExperimentOutlined } from '@ant-design/icons';
import type { FeatureModule } from '../../shared/feature';
import { HygienePage } from './HygienePage';

export const hygieneFeature: FeatureModule = {
  name: 'hygiene',
  menu: [{ key: 'hygiene', label: 'menu.hygiene', icon: <ExperimentOutlined />, permission: 'hygiene.read', order: 63, to: '/hygiene' }],
  routes: [{ path: '/hygiene', element: <HygienePage />, permission: 'hygiene.read' }],
};
