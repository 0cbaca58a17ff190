import { KeyOutlined, LockOutlined, SafetyCertificateFilled, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { useSecondFactorText } from '../../features/accounts/second-factor-strings';
import { ApiError } from '../../shared/api/client';
import { useAuth } from '../../shared/auth';
import { useT } from '../../shared/i18n';
import { useErrorText } from '../../shared/ui/errors';
import { LanguageSwitch } from '../../shared/ui/LanguageSwitch';

interface LoginForm {
  username: string;
  password: string;
}

export function LoginPage() {
  const t = useT();
  const st = useSecondFactorText();
  const { login } = useAuth();
  const errorText = useErrorText();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // After a right password for an account with a second factor: the same login again, with a code.
  const [credentials, setCredentials] = useState<LoginForm | null>(null);

  async function submit(values: LoginForm, totpCode?: string) {
    setBusy(true);
    setError(null);
    try {
      await login(values.username.trim(), values.password, totpCode);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'auth.second_factor_required') setCredentials(values);
      else setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="cg-login">
      <Card style={{ width: '100%', maxWidth: 400 }} data-testid="login-card">
        <Space orientation="vertical" size="large" style={{ width: '100%' }}>
          <div style={{ textAlign: 'center' }}>
            <SafetyCertificateFilled style={{ fontSize: 44, color: '#1677ff' }} />
            <Typography.Title level={3} style={{ margin: '8px 0 0' }}>
              {t('app.name')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('app.tagline')}</Typography.Text>
          </div>
          {error && <Alert type="error" showIcon title={error} data-testid="login-error" />}
          {credentials ? (
            <Form<{ totpCode: string }> layout="vertical" onFinish={(v) => submit(credentials, v.totpCode.trim())} requiredMark={false} data-testid="login-totp-form">
              <Typography.Title level={5} style={{ marginTop: 0 }}>
                {st('loginCodeTitle')}
              </Typography.Title>
              <Typography.Paragraph type="secondary">{st('loginCodeHint')}</Typography.Paragraph>
              <Form.Item name="totpCode" label={st('loginCodeLabel')} rules={[{ required: true, message: st('codeRequired') }]}>
                <Input prefix={<KeyOutlined />} autoComplete="one-time-code" autoFocus size="large" data-testid="login-totp" />
              </Form.Item>
              <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid="login-totp-submit">
                {t('login.submit')}
              </Button>
              <Button type="link" block onClick={() => { setCredentials(null); setError(null); }}>
                {st('back')}
              </Button>
            </Form>
          ) : (
          <Form<LoginForm> layout="vertical" onFinish={(v) => submit(v)} requiredMark={false} data-testid="login-form">
            <Form.Item name="username" label={t('login.username')} rules={[{ required: true, message: t('login.usernameRequired') }]}>
              <Input prefix={<UserOutlined />} autoComplete="username" autoCapitalize="none" size="large" data-testid="login-username" />
            </Form.Item>
            <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" data-testid="login-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid="login-submit">
              {t('login.submit')}
            </Button>
          </Form>
          )}
          <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8, flexWrap: 'wrap' }}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('login.footer')}
            </Typography.Text>
            <LanguageSwitch />
          </div>
        </Space>
      </Card>
    </div>
  );
}
