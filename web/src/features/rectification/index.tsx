import { ToolOutlined } from '@ant-design/icons';
import type { FeatureModule } from '../../shared/feature';
import { FindingPage } from './FindingPage';
import { FindingsPage } from './FindingsPage';

export const rectificationFeature: FeatureModule = {
  name: 'rectification',
  menu: [{ key: 'findings', label: 'menu.findings', icon: <ToolOutlined />, permission: 'finding.read', order: 84, to: '/findings' }],
  routes: [
    { path: '/findings', element: <FindingsPage />, permission: 'finding.read' },
    { path: '/findings/:id', element: <FindingPage />, permission: 'finding.read' },
  ],
};
