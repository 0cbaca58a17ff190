import { MedicineBoxOutlined } from '@ant-design/icons';
import type { FeatureModule } from '../../shared/feature';
import { PairingPage } from './PairingPage';

export const pairingFeature: FeatureModule = {
  name: 'pairing',
  menu: [{ key: 'pairing', label: 'menu.pairing', icon: <MedicineBoxOutlined />, permission: 'governance.dashboard', order: 85, to: '/pairing' }],
  routes: [{ path: '/pairing', element: <PairingPage />, permission: 'governance.dashboard' }],
};
