import { ApartmentOutlined } from '@ant-design/icons';
import type { FeatureModule } from '../../shared/feature';
import { StructurePage } from './StructurePage';

/** Bureaus and multi-school accounts browse the region tree; a single-school account goes to its school. */
export const regionsFeature: FeatureModule = {
  name: 'regions',
  menu: [
    {
      key: 'structure',
      label: 'menu.structure',
      icon: <ApartmentOutlined />,
      permission: 'structure.read',
      order: 20,
      to: (me) => {
        const s = me.account.scope;
        if (s.kind === 'region' || s.kind === 'all' || s.kind === 'schools') return '/structure';
        return null;
      },
    },
  ],
  routes: [{ path: '/structure', element: <StructurePage />, permission: 'structure.read' }],
};
