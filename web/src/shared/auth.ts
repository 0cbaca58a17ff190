import { createContext, useContext } from 'react';
import type { Me, Permission } from './feature';

export interface AuthValue {
  me: Me | null;
  loading: boolean;
  /** `totpCode`: the second step, when the server answered `auth.second_factor_required`. */
  login(username: string, password: string, totpCode?: string): Promise<Me>;
  logout(): Promise<void>;
  /** Re-reads /api/me (after a password change). */
  reload(): Promise<void>;
}

export const AuthContext = createContext<AuthValue | null>(null);

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}

/** The logged-in account; only used under the layout, where there always is one. */
export function useMe(): Me {
  const { me } = useAuth();
  if (!me) throw new Error('useMe while logged out');
  return me;
}

/** Whether /api/me lists the permission: the server's word, never the UI's own reading of the role. */
export function useCan(): (permission: Permission | undefined) => boolean {
  const { me } = useAuth();
  return (permission) => !permission || !!me?.permissions.includes(permission);
}
