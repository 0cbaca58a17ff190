import { SafetyCertificateOutlined } from '@ant-design/icons';
import type { FeatureModule } from '../../shared/feature';
import { VaccinationPage } from './VaccinationPage';

export const vaccinationFeature: FeatureModule = {
  name: 'vaccination',
  menu: [{ key: 'vaccination', label: 'menu.vaccination', icon: <SafetyCertificateOutlined />, permission: 'vaccination.read', order: 66, to: '/vaccination' }],
  routes: [{ path: '/vaccination', element: <VaccinationPage />, permission: 'vaccination.read' }],
};
