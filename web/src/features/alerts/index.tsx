import { AlertOutlined, ControlOutlined } from '@ant-design/icons';
import type { FeatureModule } from '../../shared/feature';
import { AlertDetailPage } from './AlertDetailPage';
import { AlertQueuePage } from './AlertQueuePage';
import { RaiseAlertPage } from './RaiseAlertPage';
import { RuleSetPage } from './RuleSetPage';

export const alertsFeature: FeatureModule = {
  name: 'alerts',
  menu: [
    { key: 'alerts', label: 'alerts.menu', icon: <AlertOutlined />, permission: 'alert.read', order: 5, to: '/alerts' },
    { key: 'alert-rules', label: 'alerts.rulesMenu', icon: <ControlOutlined />, permission: 'alert_rules.read', order: 55, to: '/alert-rules' },
  ],
  routes: [
    { path: '/alerts', element: <AlertQueuePage />, permission: 'alert.read' },
    { path: '/alerts/new', element: <RaiseAlertPage />, permission: 'alert.handle' },
    { path: '/alerts/:id', element: <AlertDetailPage />, permission: 'alert.read' },
    { path: '/alert-rules', element: <RuleSetPage />, permission: 'alert_rules.read' },
  ],
};
