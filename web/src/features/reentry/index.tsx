import { AuditOutlined } from '@ant-design/icons';
import type { FeatureModule } from '../../shared/feature';
import type { MessageKey } from '../../shared/i18n';
import { ReentryPage } from './ReentryPage';

export const reentryFeature: FeatureModule = {
  name: 'reentry',
  menu: [{ key: 'reentry', label: 'menu.reentry' as MessageKey, icon: <AuditOutlined />, permission: 'isolation.read', order: 41, to: '/reentry' }],
  routes: [{ path: '/reentry', element: <ReentryPage />, permission: 'isolation.read' }],
};
