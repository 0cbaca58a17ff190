import { TeamOutlined } from '@ant-design/icons';
import type { FeatureModule } from '../../shared/feature';
import { PeopleListPage } from './PeopleListPage';
import { PersonPage } from './PersonPage';

export const peopleFeature: FeatureModule = {
  name: 'people',
  menu: [{ key: 'people', label: 'menu.people', icon: <TeamOutlined />, permission: 'person.read', order: 30, to: '/people' }],
  routes: [
    { path: '/people', element: <PeopleListPage />, permission: 'person.read' },
    { path: '/people/:personId', element: <PersonPage />, permission: 'person.read' },
  ],
};
