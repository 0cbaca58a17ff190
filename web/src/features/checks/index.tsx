import { CheckSquareOutlined, MedicineBoxOutlined } from '@ant-design/icons';
import type { FeatureModule } from '../../shared/feature';
import { ClassCheckPage } from './ClassCheckPage';
import { EpisodePage } from './EpisodePage';
import { FollowUpQueuePage } from './FollowUpQueuePage';

export const checksFeature: FeatureModule = {
  name: 'checks',
  menu: [
    { key: 'checks', label: 'checks.menu', icon: <CheckSquareOutlined />, permission: 'check.submit', order: 3, to: (me) => (me.account.scope.classId ? `/checks/classes/${me.account.scope.classId}` : null) },
    { key: 'absences', label: 'checks.followUpMenu', icon: <MedicineBoxOutlined />, permission: 'absence.followup', order: 4, to: (me) => (me.account.scope.schoolId ? '/absences' : null) },
  ],
  routes: [
    { path: '/checks/classes/:classId', element: <ClassCheckPage />, permission: 'check.read' },
    { path: '/absences', element: <FollowUpQueuePage />, permission: 'absence.read' },
    { path: '/absences/episodes/:id', element: <EpisodePage />, permission: 'absence.read' },
  ],
};
