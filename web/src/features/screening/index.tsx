import { FileSearchOutlined } from '@ant-design/icons';
import type { FeatureModule } from '../../shared/feature';
import type { MessageKey } from '../../shared/i18n';
import { CampaignPage } from './CampaignPage';
import { CampaignsPage } from './CampaignsPage';

export const screeningFeature: FeatureModule = {
  name: 'screening',
  menu: [{ key: 'screening', label: 'menu.screening' as MessageKey, icon: <FileSearchOutlined />, permission: 'screening.read', order: 41, to: '/screening' }],
  routes: [
    { path: '/screening', element: <CampaignsPage />, permission: 'screening.read' },
    { path: '/screening/:id', element: <CampaignPage />, permission: 'screening.read' },
  ],
};
