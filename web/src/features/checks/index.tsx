import { CheckSquareOutlined, MedicineBoxOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import type { FeatureModule } from '../../shared/feature';
import type { MessageKey } from '../../shared/i18n';
import { ClassCheckPage } from './ClassCheckPage';
import { EpisodePage } from './EpisodePage';
import { FollowUpQueuePage } from './FollowUpQueuePage';
import { ReturnCriteriaPage } from './ReturnCriteriaPage';

export const checksFeature: FeatureModule = {
  name: 'checks',
  menu: [
    { key: 'checks', label: 'checks.menu', icon: <CheckSquareOutlined />, permission: 'check.submit', order: 3, to: (me) => (me.account.scope.classId ? `/checks/classes/${me.account.scope.classId}` : null) },
    { key: 'absences', label: 'checks.followUpMenu', icon: <MedicineBoxOutlined />, permission: 'absence.followup', order: 4, to: (me) => (me.account.scope.schoolId ? '/absences' : null) },
    { key: 'return-criteria', label: 'menu.returnCriteria' as MessageKey, icon: <SafetyCertificateOutlined />, permission: 'absence.read', order: 5, to: '/absences/criteria' },
  ],
  routes: [
    { path: '/checks/classes/:classId', element: <ClassCheckPage />, permission: 'check.read' },
    { path: '/absences', element: <FollowUpQueuePage />, permission: 'absence.read' },
    { path: '/absences/episodes/:id', element: <EpisodePage />, permission: 'absence.read' },
    { path: '/absences/criteria', element: <ReturnCriteriaPage />, permission: 'absence.read' },
  ],
};
