import { TeamOutlined } from '@ant-design/icons';
import type { FeatureModule } from '../../shared/feature';
import { TaskForcesPage } from './TaskForcesPage';

export const taskForcesFeature: FeatureModule = {
  name: 'taskforces',
  menu: [{ key: 'taskforces', label: 'menu.taskforces', icon: <TeamOutlined />, permission: 'taskforce.read', order: 86, to: '/taskforces' }],
  routes: [{ path: '/taskforces', element: <TaskForcesPage />, permission: 'taskforce.read' }],
};
