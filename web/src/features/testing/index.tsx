import { ExperimentOutlined } from '@ant-design/icons';
import type { FeatureModule } from '../../shared/feature';
import type { MessageKey } from '../../shared/i18n';
import { TestingPage } from './TestingPage';

export const testingFeature: FeatureModule = {
  name: 'testing',
  menu: [{ key: 'testing', label: 'menu.testing' as MessageKey, icon: <ExperimentOutlined />, permission: 'test.read', order: 42, to: '/testing' }],
  routes: [{ path: '/testing', element: <TestingPage />, permission: 'test.read' }],
};
