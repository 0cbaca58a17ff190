import { OrderedListOutlined } from '@ant-design/icons';
import type { FeatureModule } from '../../shared/feature';
import { ChecklistsPage } from './ChecklistsPage';
import { VersionPage } from './VersionPage';

export const checklistsFeature: FeatureModule = {
  name: 'checklists',
  menu: [{ key: 'checklists', label: 'menu.checklists', icon: <OrderedListOutlined />, permission: 'checklist.read', order: 88, to: '/checklists' }],
  routes: [
    { path: '/checklists', element: <ChecklistsPage />, permission: 'checklist.read' },
    { path: '/checklists/versions/:id', element: <VersionPage />, permission: 'checklist.read' },
  ],
};
