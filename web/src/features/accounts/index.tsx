import { IdcardOutlined, LockOutlined } from '@ant-design/icons';
import type { FeatureModule } from '../../shared/feature';
import { AccountsPage } from './AccountsPage';
import { SecurityPage } from './SecurityPage';

export const accountsFeature: FeatureModule = {
  name: 'accounts',
  menu: [
    { key: 'accounts', label: 'menu.accounts', icon: <IdcardOutlined />, permission: 'account.read', order: 60, to: '/accounts' },
    // Every account's own second factor: no permission, last in the menu.
    { key: 'security', label: 'menu.security', icon: <LockOutlined />, order: 99, to: '/security' },
  ],
  routes: [
    { path: '/accounts', element: <AccountsPage />, permission: 'account.read' },
    { path: '/security', element: <SecurityPage /> },
  ],
};
