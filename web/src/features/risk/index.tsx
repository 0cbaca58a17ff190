import { AlertOutlined, EnvironmentOutlined } from '@ant-design/icons';
import type { FeatureModule } from '../../shared/feature';
import { RiskAreasPage } from './RiskAreasPage';
import { RiskListPage } from './RiskListPage';

export const riskFeature: FeatureModule = {
  name: 'risk',
  menu: [
    { key: 'risk', label: 'menu.risk', icon: <AlertOutlined />, permission: 'risk.read', order: 43, to: '/risk' },
    { key: 'risk-areas', label: 'menu.riskAreas', icon: <EnvironmentOutlined />, permission: 'risk.read', order: 44, to: '/risk-areas' },
  ],
  routes: [
    { path: '/risk', element: <RiskListPage />, permission: 'risk.read' },
    { path: '/risk-areas', element: <RiskAreasPage />, permission: 'risk.read' },
  ],
};
