import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { get, post } from '../../shared/api/client';

export interface SecondFactorStatus {
  active: boolean;
  pending: boolean;
  required: boolean;
  recoveryCodesLeft: number;
}

const STATUS_KEY = ['second-factor'] as const;

export const useSecondFactorStatus = () => useQuery({ queryKey: STATUS_KEY, queryFn: () => get<SecondFactorStatus>('/api/me/second-factor') });

function useStatusMutation<V, R>(fn: (v: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => client.invalidateQueries({ queryKey: STATUS_KEY }) });
}

/** The secret comes back only here, at the start of an enrolment. */
export const useStartEnrolment = () => useStatusMutation(() => post<{ secret: string; uri: string }>('/api/me/second-factor/enrol'));
// No refetch of the status here: the page would switch to "on" and hide the recovery codes before
// they are saved. The enrolment's onDone refetches it.
export const useConfirmEnrolment = () => useMutation({ mutationFn: (totpCode: string) => post<{ recoveryCodes: string[] }>('/api/me/second-factor/confirm', { totpCode }) });
export const useDisableSecondFactor = () =>
  useStatusMutation((body: { password: string; totpCode: string }) => post<{ ok: boolean }>('/api/me/second-factor/disable', body));

export const useResetSecondFactor = () => {
  const client = useQueryClient();
  return useMutation({ mutationFn: (id: number) => post(`/api/accounts/${id}/second-factor/reset`), onSuccess: () => client.invalidateQueries({ queryKey: ['accounts'] }) });
};
