import { AuditOutlined, FormOutlined } from '@ant-design/icons';
import type { FeatureModule } from '../../shared/feature';
import { InspectionPage } from './InspectionPage';
import { InspectionsPage } from './InspectionsPage';
import { SelfReportPage, SelfReportsPage } from './SelfReportsPage';

export const inspectionsFeature: FeatureModule = {
  name: 'inspections',
  menu: [
    { key: 'inspections', label: 'menu.inspections', icon: <AuditOutlined />, permission: 'inspection.read', order: 82, to: '/inspections' },
    { key: 'self-reports', label: 'menu.selfReports', icon: <FormOutlined />, permission: 'self_report.read', order: 83, to: '/self-reports' },
  ],
  routes: [
    { path: '/inspections', element: <InspectionsPage />, permission: 'inspection.read' },
    { path: '/inspections/:id', element: <InspectionPage />, permission: 'inspection.read' },
    { path: '/self-reports', element: <SelfReportsPage />, permission: 'self_report.read' },
    { path: '/self-reports/:id', element: <SelfReportPage />, permission: 'self_report.read' },
  ],
};
