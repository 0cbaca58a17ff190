import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { type ReactNode, useEffect, useMemo } from 'react';
import { ApiError, get, onUnauthorized, post, setCsrfToken } from '../../shared/api/client';
import { AuthContext, type AuthValue } from '../../shared/auth';
import type { Me } from '../../shared/feature';
import { ForcedEnrolmentPage } from '../../features/accounts/SecurityPage';
import { useT } from '../../shared/i18n';

export const ME_KEY = ['me'] as const;

async function fetchMe(): Promise<Me | null> {
  try {
    const me = await get<Me>('/api/me');
    setCsrfToken(me.csrfToken);
    return me;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw err;
  }
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const { message } = App.useApp();
  const t = useT();
  const query = useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: Number.POSITIVE_INFINITY, retry: 1 });

  // A 401 anywhere means the login ended (idle, revoked, disabled): back to the login form.
  useEffect(
    () =>
      onUnauthorized(() => {
        if (client.getQueryData(ME_KEY)) {
          void message.warning(t('app.loggedOut'));
          setCsrfToken(null);
          client.setQueryData(ME_KEY, null);
          client.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
        }
      }),
    [client, message, t],
  );

  const value = useMemo<AuthValue>(
    () => ({
      me: query.data ?? null,
      loading: query.isPending,
      async login(username, password, totpCode) {
        const me = await post<Me>('/api/auth/login', { username, password, ...(totpCode ? { totpCode } : {}) });
        setCsrfToken(me.csrfToken);
        client.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
        client.setQueryData(ME_KEY, me);
        return me;
      },
      async logout() {
        try {
          await post('/api/auth/logout');
        } finally {
          setCsrfToken(null);
          client.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
          client.setQueryData(ME_KEY, null);
        }
      },
      async reload() {
        await client.invalidateQueries({ queryKey: ME_KEY });
      },
    }),
    [query.data, query.isPending, client],
  );
  // A bureau or administrator session without a second factor may only enrol: that page, whatever the URL.
  const mustEnrol = !!query.data?.account.secondFactor?.enrolmentRequired;
  return <AuthContext.Provider value={value}>{mustEnrol ? <ForcedEnrolmentPage /> : children}</AuthContext.Provider>;
}
