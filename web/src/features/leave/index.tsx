import { AuditOutlined, CalendarOutlined } from '@ant-design/icons';
import type { FeatureModule } from '../../shared/feature';
import type { MessageKey } from '../../shared/i18n';
import { LeaveApprovalsPage } from './LeaveApprovalsPage';
import { MyLeavePage } from './MyLeavePage';

export const leaveFeature: FeatureModule = {
  name: 'leave',
  menu: [
    { key: 'leave-mine', label: 'menu.leave' as MessageKey, icon: <CalendarOutlined />, permission: 'leave.request', order: 15, to: '/leave/mine' },
    { key: 'leave-approvals', label: 'menu.leaveApprovals' as MessageKey, icon: <AuditOutlined />, permission: 'leave.approve', order: 16, to: '/leave' },
  ],
  routes: [
    { path: '/leave/mine', element: <MyLeavePage />, permission: 'leave.request' },
    { path: '/leave', element: <LeaveApprovalsPage />, permission: 'leave.read' },
  ],
};
