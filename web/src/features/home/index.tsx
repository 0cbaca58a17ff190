import { HomeOutlined } from '@ant-design/icons';
import type { FeatureModule } from '../../shared/feature';
import { HomePage } from './HomePage';

export const homeFeature: FeatureModule = {
  name: 'home',
  menu: [{ key: 'home', label: 'menu.home', icon: <HomeOutlined />, order: 0, to: '/' }],
  routes: [{ path: '/', element: <HomePage /> }],
};
