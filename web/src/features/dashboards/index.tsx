import { AreaChartOutlined, DashboardOutlined } from '@ant-design/icons';
import type { FeatureModule } from '../../shared/feature';
import { RegionDashboardPage } from './RegionDashboardPage';
import { SchoolDashboardPage } from './SchoolDashboardPage';

export const dashboardsFeature: FeatureModule = {
  name: 'dashboards',
  menu: [
    { key: 'dashboard-school', label: 'dashboards.schoolMenu', icon: <DashboardOutlined />, permission: 'dashboard.read', order: 6, to: (me) => (me.account.scope.schoolId ? `/dashboards/schools/${me.account.scope.schoolId}` : null) },
    { key: 'dashboard-region', label: 'dashboards.regionMenu', icon: <AreaChartOutlined />, permission: 'dashboard.read', order: 6, to: (me) => (me.account.scope.regionCode ? '/dashboards/region' : null) },
  ],
  routes: [
    { path: '/dashboards/region', element: <RegionDashboardPage />, permission: 'dashboard.read' },
    { path: '/dashboards/schools/:schoolId', element: <SchoolDashboardPage />, permission: 'dashboard.read' },
  ],
};
