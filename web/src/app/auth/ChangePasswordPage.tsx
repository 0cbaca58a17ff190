import { Alert, App, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { post } from '../../shared/api/client';
import { useAuth } from '../../shared/auth';
import { useT } from '../../shared/i18n';
import { useErrorText } from '../../shared/ui/errors';

interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  repeat: string;
}

/** Used both as the forced first-login step and as a normal page under the layout. */
export function ChangePasswordForm({ forced, onDone }: { forced?: boolean; onDone?: () => void }) {
  const t = useT();
  const { reload, logout } = useAuth();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<PasswordForm>();

  async function submit(values: PasswordForm) {
    setBusy(true);
    setError(null);
    try {
      await post('/api/me/password', { currentPassword: values.currentPassword, newPassword: values.newPassword });
      message.success(t('password.changed'));
      form.resetFields();
      await reload();
      onDone?.();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {forced && <Alert type="warning" showIcon title={t('password.mustChange')} />}
      {error && <Alert type="error" showIcon title={error} data-testid="password-error" />}
      <Form<PasswordForm> form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item name="currentPassword" label={t('password.current')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
          <Input.Password autoComplete="current-password" data-testid="password-current" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('password.next')}
          extra={t('password.rule')}
          rules={[{ required: true, message: t('login.passwordRequired') }, { min: 12, message: t('password.tooShort') }]}
        >
          <Input.Password autoComplete="new-password" data-testid="password-new" />
        </Form.Item>
        <Form.Item
          name="repeat"
          label={t('password.repeat')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('login.passwordRequired') },
            ({ getFieldValue }) => ({
              validator: (_, v) => (!v || v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('password.mismatch')))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="password-repeat" />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="password-submit">
            {t('common.save')}
          </Button>
          {forced && <Button onClick={() => void logout()}>{t('app.logout')}</Button>}
        </Space>
      </Form>
    </Space>
  );
}

export function ForcedPasswordPage() {
  const t = useT();
  return (
    <div className="cg-login">
      <Card style={{ width: '100%', maxWidth: 420 }}>
        <Typography.Title level={4}>{t('password.title')}</Typography.Title>
        <ChangePasswordForm forced />
      </Card>
    </div>
  );
}

export function ChangePasswordPage() {
  const t = useT();
  return (
    <Card title={t('password.title')} style={{ maxWidth: 480 }}>
      <ChangePasswordForm />
    </Card>
  );
}
