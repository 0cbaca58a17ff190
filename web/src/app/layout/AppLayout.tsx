import { KeyOutlined, LogoutOutlined, SafetyCertificateFilled, UserOutlined } from '@ant-design/icons';
import { Avatar, Dropdown, Grid, Layout, Menu, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { useAuth, useMe } from '../../shared/auth';
import { useI18n } from '../../shared/i18n';
import { LanguageSwitch } from '../../shared/ui/LanguageSwitch';
import { NotificationBell } from '../../features/notifications/NotificationBell';
import { scopeText } from '../../shared/scope';
import { type VisibleMenuItem, visibleMenu } from '../registry';

/** The menu item for the current address: the longest link that prefixes it. */
function selectedKey(items: VisibleMenuItem[], pathname: string): string[] {
  let best: VisibleMenuItem | undefined;
  for (const item of items) {
    const matches = item.to === '/' ? pathname === '/' : pathname === item.to || pathname.startsWith(`${item.to}/`);
    if (matches && (!best || item.to.length > best.to.length)) best = item;
  }
  return best ? [best.key] : [];
}

export function AppLayout({ children }: { children: ReactNode }) {
  const me = useMe();
  const i18n = useI18n();
  const { t, tv } = i18n;
  const { logout } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  const wide = screens.lg ?? false;
  const ellipsisTitle = `${me.account.displayName} · ${tv('role', me.account.role)} · ${scopeText(me, i18n)}`;
  const items = visibleMenu(me);
  const menuItems = items.map((i) => ({ key: i.key, icon: i.entry.icon, label: <Link to={i.to}>{t(i.entry.label)}</Link> }));
  const selected = selectedKey(items, location.pathname);

  const userMenu = {
    items: [
      { key: 'password', icon: <KeyOutlined />, label: t('app.changePassword') },
      { key: 'logout', icon: <LogoutOutlined />, label: <span data-testid="logout">{t('app.logout')}</span> },
    ],
    onClick: ({ key }: { key: string }) => {
      if (key === 'logout') void logout().then(() => navigate('/'));
      if (key === 'password') navigate('/password');
    },
  };

  const user = (
    <Dropdown menu={userMenu} trigger={['click']}>
      <Space style={{ cursor: 'pointer', color: '#fff' }} data-testid="user-menu" title={ellipsisTitle}>
        <Avatar size="small" icon={<UserOutlined />} style={{ background: '#4096ff' }} />
        <span style={{ display: 'inline-flex', flexDirection: 'column', lineHeight: 1.25, maxWidth: wide ? 360 : 170 }}>
          <span data-testid="user-name" style={{ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>{me.account.displayName}</span>
          <Typography.Text ellipsis style={{ color: 'rgba(255,255,255,0.7)', fontSize: 12 }} data-testid="user-scope">
            {tv('role', me.account.role)} · {scopeText(me, i18n)}
          </Typography.Text>
        </span>
      </Space>
    </Dropdown>
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 12, padding: wide ? '0 24px' : '0 12px', height: 56 }}>
        <Link to="/" className="cg-brand">
          <SafetyCertificateFilled style={{ fontSize: 22 }} />
          {(wide || screens.sm) && t('app.name')}
        </Link>
        <Space size={wide ? 'large' : 'small'}>
          <NotificationBell />
          <span style={{ color: '#fff' }}>
            <LanguageSwitch />
          </span>
          {user}
        </Space>
      </Layout.Header>
      {wide ? (
        <Layout>
          <Layout.Sider width={208} theme="light" style={{ borderRight: '1px solid #f0f0f0' }}>
            <Menu mode="inline" items={menuItems} selectedKeys={selected} style={{ borderInlineEnd: 0, paddingTop: 8 }} data-testid="app-menu" />
          </Layout.Sider>
          <Layout.Content>
            <div className="cg-page">{children}</div>
          </Layout.Content>
        </Layout>
      ) : (
        <Layout.Content>
          <div style={{ display: 'flex', alignItems: 'center', background: '#fff', borderBottom: '1px solid #f0f0f0' }}>
            <Menu mode="horizontal" items={menuItems} selectedKeys={selected} style={{ flex: 1, minWidth: 0, borderBottom: 0 }} data-testid="app-menu" />
          </div>
          <div className="cg-page">{children}</div>
        </Layout.Content>
      )}
    </Layout>
  );
}
