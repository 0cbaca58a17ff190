import { AuditOutlined } from '@ant-design/icons';
import type { FeatureModule } from '../../shared/feature';
import { AuditPage } from './AuditPage';

export const auditFeature: FeatureModule = {
  name: 'audit',
  menu: [{ key: 'audit', label: 'menu.audit', icon: <AuditOutlined />, permission: 'audit.read', order: 70, to: '/audit' }],
  routes: [{ path: '/audit', element: <AuditPage />, permission: 'audit.read' }],
};
