import { SafetyCertificateOutlined } from '@ant-design/icons';
import type { FeatureModule } from '../../shared/feature';
import { PoliciesPage } from './PoliciesPage';
import { PolicyPage } from './PolicyPage';

export const policiesFeature: FeatureModule = {
  name: 'policies',
  menu: [{ key: 'policies', label: 'menu.policies', icon: <SafetyCertificateOutlined />, permission: 'policy.read', order: 45, to: '/policies' }],
  routes: [
    { path: '/policies', element: <PoliciesPage />, permission: 'policy.read' },
    { path: '/policies/:disease', element: <PolicyPage />, permission: 'policy.read' },
  ],
};
