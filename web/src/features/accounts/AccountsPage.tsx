import { KeyOutlined, PlusOutlined, StopOutlined, CheckCircleOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useCan } from '../../shared/auth';
import { formatChinaTime } from '../../shared/china-time';
import { useI18n } from '../../shared/i18n';
import { ErrorAlert, useErrorText, useNotifyError } from '../../shared/ui/errors';
import { type Account, ROLES, useAccounts, useResetPassword, useSetDisabled } from './api';
import { CreateAccountModal } from './CreateAccountModal';
import { useResetSecondFactor } from './second-factor-api';
import { useSecondFactorText } from './second-factor-strings';

const PAGE = 50;

function ResetPasswordModal({ account, onClose }: { account: Account | null; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<{ newPassword: string }>();
  const [error, setError] = useState<string | null>(null);
  const reset = useResetPassword();
  const close = () => {
    form.resetFields();
    setError(null);
    onClose();
  };
  return (
    <Modal open={!!account} title={`${t('account.resetPassword')} · ${account?.displayName ?? ''}`} onCancel={close} onOk={() => form.submit()} confirmLoading={reset.isPending} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          account &&
          reset.mutate({ id: account.id, newPassword: v.newPassword }, { onSuccess: () => { message.success(t('common.done')); close(); }, onError: (e) => setError(errorText(e)) })
        }
      >
        <Form.Item name="newPassword" label={t('account.newPassword')} extra={<>{t('password.rule')}<br />{t('account.mustChangeNote')}</>}
          rules={[{ required: true }, { min: 12, message: t('password.tooShort') }]} validateStatus={error ? 'error' : undefined} help={error ?? undefined}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Account administration: list, create with the role's binding, reset password, disable and enable. */
export function AccountsPage() {
  const { t, tv } = useI18n();
  const can = useCan();
  const notifyError = useNotifyError();
  const { message } = App.useApp();
  const [q, setQ] = useState<string>();
  const [role, setRole] = useState<string>();
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<Account | null>(null);
  const accounts = useAccounts({ q, role, limit: PAGE, offset: (page - 1) * PAGE });
  const setDisabled = useSetDisabled();
  const resetSecondFactor = useResetSecondFactor();
  const st = useSecondFactorText();
  const manage = can('account.manage');
  // The server says whether this account may create accounts at all, and which roles it may give.
  const mayCreate = !!accounts.data?.can.create && (accounts.data?.can.assignableRoles.length ?? 0) > 0;
  const assignableRoles = ROLES.filter((r) => accounts.data?.can.assignableRoles.includes(r));

  const toggle = (a: Account) =>
    setDisabled.mutate({ id: a.id, disabled: !a.disabled }, { onSuccess: () => void message.success(t('common.done')), onError: notifyError });

  const columns = [
    { title: t('account.username'), dataIndex: 'username' },
    { title: t('account.displayName'), dataIndex: 'displayName' },
    { title: t('account.role'), dataIndex: 'role', render: (v: string) => tv('role', v) },
    {
      title: t('account.binding'),
      key: 'binding',
      render: (_: unknown, a: Account) =>
        [a.regionCode, a.schoolName, a.classId ? `#${a.classId}` : null, a.hospitalId ? `${t('account.hospitalId')} ${a.hospitalId}` : null].filter(Boolean).join(' · ') || '—',
    },
    { title: t('account.canUnmask'), dataIndex: 'canUnmask', render: (v: boolean) => (v ? <Tag color="orange">{t('common.yes')}</Tag> : t('common.no')) },
    { title: t('account.status'), dataIndex: 'disabled', render: (v: boolean) => (v ? <Tag color="red">{t('account.disabled')}</Tag> : <Tag color="green">{t('account.active')}</Tag>) },
    { title: st('column'), dataIndex: 'secondFactor', render: (v: boolean) => (v ? <Tag color="green">{st('on')}</Tag> : st('off')) },
    { title: t('account.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatChinaTime(v, 'YYYY-MM-DD HH:mm') },
    ...(manage
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, a: Account) => (
              <Space size={4}>
                <Button size="small" icon={<KeyOutlined />} onClick={() => setResetting(a)}>
                  {t('account.resetPassword')}
                </Button>
                {a.secondFactor && (
                  <Popconfirm
                    title={st('resetConfirm', { name: a.displayName })}
                    onConfirm={() => resetSecondFactor.mutate(a.id, { onSuccess: () => void message.success(st('resetDone')), onError: notifyError })}
                  >
                    <Button size="small" data-testid="account-reset-second-factor">{st('reset')}</Button>
                  </Popconfirm>
                )}
                {a.disabled ? (
                  <Button size="small" icon={<CheckCircleOutlined />} onClick={() => toggle(a)}>
                    {t('account.enable')}
                  </Button>
                ) : (
                  <Popconfirm title={t('account.confirmDisable', { name: a.displayName })} onConfirm={() => toggle(a)}>
                    <Button size="small" danger icon={<StopOutlined />}>
                      {t('account.disable')}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <Card
      title={t('account.title')}
      extra={mayCreate && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="account-create">{t('common.create')}</Button>}
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear placeholder={t('account.searchPlaceholder')} onSearch={(v) => { setQ(v || undefined); setPage(1); }} style={{ width: 220 }} />
        <Select allowClear placeholder={t('account.role')} style={{ width: 180 }} value={role} onChange={(v) => { setRole(v); setPage(1); }}
          options={ROLES.map((r) => ({ value: r, label: tv('role', r) }))} />
      </Space>
      <ErrorAlert error={accounts.error} onRetry={() => void accounts.refetch()} />
      <Table<Account>
        data-testid="accounts-table"
        rowKey="id"
        size="small"
        loading={accounts.isFetching}
        dataSource={accounts.data?.items ?? []}
        columns={columns}
        scroll={{ x: 'max-content' }}
        pagination={{ current: page, pageSize: PAGE, total: accounts.data?.total ?? 0, onChange: setPage, showSizeChanger: false, showTotal: (n) => t('common.total', { n }) }}
      />
      <CreateAccountModal open={creating && mayCreate} roles={assignableRoles} onClose={() => setCreating(false)} />
      <ResetPasswordModal account={resetting} onClose={() => setResetting(null)} />
    </Card>
  );
}
