import { MailOutlined, NotificationOutlined } from '@ant-design/icons';
import type { FeatureModule } from '../../shared/feature';
import { MyNoticesPage } from './MyNoticesPage';
import { NoticesPage } from './NoticesPage';

export const noticesFeature: FeatureModule = {
  name: 'notices',
  menu: [
    { key: 'my-notices', label: 'menu.myNotices', icon: <MailOutlined />, permission: 'notice.receive', order: 14, to: '/notices/mine' },
    { key: 'notices', label: 'menu.notices', icon: <NotificationOutlined />, permission: 'notice.read', order: 62, to: '/notices' },
  ],
  routes: [
    { path: '/notices', element: <NoticesPage />, permission: 'notice.read' },
    { path: '/notices/mine', element: <MyNoticesPage />, permission: 'notice.receive' },
  ],
};
