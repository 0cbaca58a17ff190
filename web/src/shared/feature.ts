import type { ReactNode } from 'react';
import type { MessageKey } from './i18n';

/** Server permissions (src/domain/access/permissions.ts); the UI only asks whether /api/me lists them. */
export type Permission = string;

export interface Me {
  account: {
    id: number;
    username: string;
    displayName: string;
    role: string;
    mustChangePassword: boolean;
    scope: { kind: string; regionCode?: string; schoolId?: number; classId?: number; schoolIds?: number[]; personIds?: number[] };
    scopeLabel: string;
    /** enrolmentRequired: this session may only set up the second factor (the app shows that page alone). */
    secondFactor?: { active: boolean; enrolmentRequired: boolean };
  };
  permissions: Permission[];
  csrfToken: string;
}

export interface MenuEntry {
  key: string;
  label: MessageKey;
  icon?: ReactNode;
  /** The menu item shows only when /api/me lists this permission (undefined: every logged-in user). */
  permission?: Permission;
  /** Where the item links; may depend on the account (a teacher's own class). Null hides the item. */
  to: string | ((me: Me) => string | null);
  order: number;
}

export interface FeatureRoute {
  path: string;
  element: ReactNode;
  permission?: Permission;
}

/** What a capability contributes to the web app: one import line in app/registry.tsx. */
export interface FeatureModule {
  name: string;
  menu?: MenuEntry[];
  routes: FeatureRoute[];
}
