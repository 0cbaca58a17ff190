import { BankOutlined, TeamOutlined } from '@ant-design/icons';
import type { FeatureModule } from '../../shared/feature';
import { ClassPage } from './ClassPage';
import { SchoolPage } from './SchoolPage';

export const schoolsFeature: FeatureModule = {
  name: 'schools',
  menu: [
    {
      key: 'my-school',
      label: 'menu.schools',
      icon: <BankOutlined />,
      permission: 'structure.read',
      order: 21,
      to: (me) => (me.account.scope.kind === 'school' ? `/schools/${me.account.scope.schoolId}` : null),
    },
    {
      key: 'my-class',
      label: 'menu.myClass',
      icon: <TeamOutlined />,
      permission: 'person.read',
      order: 15,
      to: (me) => {
        const s = me.account.scope;
        return s.kind === 'class' ? `/schools/${s.schoolId}/classes/${s.classId}` : null;
      },
    },
  ],
  routes: [
    { path: '/schools/:schoolId', element: <SchoolPage />, permission: 'structure.read' },
    { path: '/schools/:schoolId/classes/:classId', element: <ClassPage />, permission: 'person.read' },
  ],
};
