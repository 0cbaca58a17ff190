import { ImportOutlined } from '@ant-design/icons';
import type { FeatureModule } from '../../shared/feature';
import { RosterImportPage } from './RosterImportPage';

export const rosterFeature: FeatureModule = {
  name: 'roster',
  menu: [{ key: 'roster', label: 'menu.roster', icon: <ImportOutlined />, permission: 'roster.import', order: 35, to: '/roster' }],
  routes: [{ path: '/roster', element: <RosterImportPage />, permission: 'roster.import' }],
};
