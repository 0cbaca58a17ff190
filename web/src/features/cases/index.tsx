import { MedicineBoxOutlined } from '@ant-design/icons';
import type { FeatureModule } from '../../shared/feature';
import type { MessageKey } from '../../shared/i18n';
import { CasePage } from './CasePage';
import { CasesPage } from './CasesPage';

export const casesFeature: FeatureModule = {
  name: 'cases',
  menu: [{ key: 'cases', label: 'menu.cases' as MessageKey, icon: <MedicineBoxOutlined />, permission: 'case.read', order: 39, to: '/cases' }],
  routes: [
    { path: '/cases', element: <CasesPage />, permission: 'case.read' },
    { path: '/cases/:id', element: <CasePage />, permission: 'case.read' },
  ],
};
