import { Alert, App, Button, Card, Form, Input, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useAuth } from '../../shared/auth';
import { useT } from '../../shared/i18n';
import { ErrorAlert, useErrorText } from '../../shared/ui/errors';
import { useDisableSecondFactor, useSecondFactorStatus } from './second-factor-api';
import { useSecondFactorText } from './second-factor-strings';
import { SecondFactorEnrolment } from './SecondFactorEnrolment';

function DisableForm() {
  const st = useSecondFactorText();
  const { message } = App.useApp();
  const { reload } = useAuth();
  const errorText = useErrorText();
  const disable = useDisableSecondFactor();
  const [error, setError] = useState<string | null>(null);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Title level={5}>{st('disableTitle')}</Typography.Title>
      <Typography.Text type="secondary">{st('disableHint')}</Typography.Text>
      {error && <Alert type="error" showIcon title={error} />}
      <Form<{ password: string; totpCode: string }>
        layout="vertical"
        style={{ maxWidth: 320 }}
        onFinish={(v) => {
          setError(null);
          disable.mutate(
            { password: v.password, totpCode: v.totpCode.trim() },
            {
              onSuccess: () => {
                void message.success(st('disabled'));
                // A bureau or administrator account may now have to enrol again: /api/me says so.
                void reload();
              },
              onError: (e) => setError(errorText(e)),
            },
          );
        }}
      >
        <Form.Item name="password" label={st('password')} rules={[{ required: true }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item name="totpCode" label={st('loginCodeLabel')} rules={[{ required: true }]}>
          <Input autoComplete="one-time-code" />
        </Form.Item>
        <Button danger htmlType="submit" loading={disable.isPending}>
          {st('disable')}
        </Button>
      </Form>
    </Space>
  );
}

/** Every account's own security page: turn the second factor on or off. */
export function SecurityPage() {
  const st = useSecondFactorText();
  const { message } = App.useApp();
  const { reload } = useAuth();
  const status = useSecondFactorStatus();
  const s = status.data;
  return (
    <Card
      title={st('title')}
      style={{ maxWidth: 640 }}
      extra={s && <Tag color={s.active ? 'green' : 'default'} data-testid="second-factor-state">{s.active ? st('on') : st('off')}</Tag>}
    >
      <ErrorAlert error={status.error} onRetry={() => void status.refetch()} />
      {!s ? (
        <Spin />
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }} size="middle">
          <Typography.Paragraph style={{ margin: 0 }}>{st('intro')}</Typography.Paragraph>
          {s.required && <Alert type="info" showIcon title={st('requiredNote')} />}
          {s.active ? (
            <>
              <Typography.Text data-testid="second-factor-recovery-left">{st('recoveryLeft', { n: s.recoveryCodesLeft })}</Typography.Text>
              <DisableForm />
            </>
          ) : (
            <SecondFactorEnrolment
              onDone={() => {
                void message.success(st('enabled'));
                void status.refetch();
                void reload();
              }}
            />
          )}
        </Space>
      )}
    </Card>
  );
}

/** In place of the app while a bureau or administrator session has no second factor yet. */
export function ForcedEnrolmentPage() {
  const st = useSecondFactorText();
  const t = useT();
  const { reload, logout } = useAuth();
  return (
    <div className="cg-login">
      <Card style={{ width: '100%', maxWidth: 480 }} data-testid="second-factor-forced">
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Title level={4}>{st('title')}</Typography.Title>
          <Alert type="warning" showIcon title={st('mustEnrol')} />
          <Typography.Paragraph>{st('intro')}</Typography.Paragraph>
          <SecondFactorEnrolment onDone={() => void reload()} />
          <Button type="link" style={{ padding: 0 }} onClick={() => void logout()}>
            {t('app.logout')}
          </Button>
        </Space>
      </Card>
    </div>
  );
}
