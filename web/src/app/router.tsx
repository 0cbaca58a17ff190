import { Spin } from 'antd';
import { createBrowserRouter, Outlet } from 'react-router';
import { PublicAnswerPage } from '../features/screening/PublicAnswerPage';
import { useAuth } from '../shared/auth';
import { ChangePasswordPage, ForcedPasswordPage } from './auth/ChangePasswordPage';
import { LoginPage } from './auth/LoginPage';
import { AppLayout } from './layout/AppLayout';
import { features } from './registry';
import { NotFound, RequirePermission } from './RequirePermission';

/** Login first, then the forced password change, then the app; the URL is kept throughout. */
function Shell() {
  const { me, loading } = useAuth();
  if (loading) {
    return (
      <div className="cg-login">
        <Spin size="large" />
      </div>
    );
  }
  if (!me) return <LoginPage />;
  if (me.account.mustChangePassword) return <ForcedPasswordPage />;
  return (
    <AppLayout>
      <Outlet />
    </AppLayout>
  );
}

export const router = createBrowserRouter([
  // A parent's screening link (the path the server signs into it): no login, so outside the Shell.
  { path: '/s/:token', element: <PublicAnswerPage /> },
  {
    path: '/',
    element: <Shell />,
    children: [
      ...features.flatMap((f) =>
        f.routes.map((r) => {
          const element = <RequirePermission key={r.path} permission={r.permission}>{r.element}</RequirePermission>;
          return r.path === '/' ? { index: true as const, element } : { path: r.path.replace(/^\//, ''), element };
        }),
      ),
      { path: 'password', element: <ChangePasswordPage /> },
      { path: '*', element: <NotFound /> },
    ],
  },
]);
