import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, post } from '../../shared/api/client';

export const ROLES = [
  'province_officer', 'city_officer', 'county_officer', 'school_admin', 'school_doctor', 'class_teacher',
  'gate_guard', 'parent', 'hospital_liaison', 'auditor', 'sysadmin',
] as const;
export type Role = (typeof ROLES)[number];

export interface Account {
  id: number;
  username: string;
  displayName: string;
  role: string;
  regionCode: string | null;
  schoolId: number | null;
  schoolName: string | null;
  classId: number | null;
  hospitalId: number | null;
  canUnmask: boolean;
  disabled: boolean;
  secondFactor: boolean;
  createdAt: string;
}

/** One page of accounts, with what the caller may do: create at all, and which roles. */
export interface AccountList {
  items: Account[];
  total: number;
  can: { create: boolean; assignableRoles: string[] };
}

export interface AccountQuery {
  q?: string;
  role?: string;
  limit?: number;
  offset?: number;
}

export interface NewAccount {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  regionCode?: string;
  schoolId?: number;
  classId?: number;
  hospitalId?: number;
  childPersonIds?: number[];
  canUnmask?: boolean;
  email?: string;
}

export const accountKeys = {
  list: (q: AccountQuery) => ['accounts', 'list', q] as const,
};

export function useAccounts(query: AccountQuery, enabled = true) {
  return useQuery({
    queryKey: accountKeys.list(query),
    queryFn: () => get<AccountList>('/api/accounts', { ...query }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

function useAccountMutation<V>(fn: (v: V) => Promise<unknown>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => client.invalidateQueries({ queryKey: ['accounts'] }) });
}

export const useCreateAccount = () => useAccountMutation((body: NewAccount) => post<{ id: number }>('/api/accounts', body));

export const useResetPassword = () =>
  useAccountMutation(({ id, newPassword }: { id: number; newPassword: string }) => post(`/api/accounts/${id}/reset-password`, { newPassword }));

export const useSetDisabled = () =>
  useAccountMutation(({ id, disabled }: { id: number; disabled: boolean }) => post(`/api/accounts/${id}/${disabled ? 'disable' : 'enable'}`));
