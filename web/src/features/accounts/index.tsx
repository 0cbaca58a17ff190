import { IdcardOutlined } from '@ant-design/icons';
import type { FeatureModule } from '../../shared/feature';
import { AccountsPage } from './AccountsPage';

export const accountsFeature: FeatureModule = {
  name: 'accounts',
  menu: [{ key: 'accounts', label: 'menu.accounts', icon: <IdcardOutlined />, permission: 'account.read', order: 60, to: '/accounts' }],
  routes: [{ path: '/accounts', element: <AccountsPage />, permission: 'account.read' }],
};
