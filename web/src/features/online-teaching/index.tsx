import { LaptopOutlined } from '@ant-design/icons';
import type { FeatureModule } from '../../shared/feature';
import { OnlineTeachingPage } from './OnlineTeachingPage';

export const onlineTeachingFeature: FeatureModule = {
  name: 'online-teaching',
  menu: [{ key: 'online-teaching', label: 'menu.onlineTeaching', icon: <LaptopOutlined />, permission: 'online_teaching.read', order: 67, to: '/online-teaching' }],
  routes: [{ path: '/online-teaching', element: <OnlineTeachingPage />, permission: 'online_teaching.read' }],
};
