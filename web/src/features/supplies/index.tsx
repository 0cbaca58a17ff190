import { MedicineBoxOutlined } from '@ant-design/icons';
import type { FeatureModule } from '../../shared/feature';
import { SuppliesPage } from './SuppliesPage';

export const suppliesFeature: FeatureModule = {
  name: 'supplies',
  menu: [{ key: 'supplies', label: 'menu.supplies', icon: <MedicineBoxOutlined />, permission: 'supply.read', order: 65, to: '/supplies' }],
  routes: [{ path: '/supplies', element: <SuppliesPage />, permission: 'supply.read' }],
};
