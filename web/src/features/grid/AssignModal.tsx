import { App, Form, InputNumber, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { useCan } from '../../shared/auth';
import { useI18n } from '../../shared/i18n';
import { useErrorText } from '../../shared/ui/errors';
import { useAccounts } from '../accounts/api';
import { type UnitType, useAssignGrid } from './api';

export interface AssignTarget {
  unitType: UnitType;
  unitKey: string;
  name: string;
}

/** Chooses the responsible account: from the account list where the user may read it, else by ID. */
export function AssignModal({ target, onClose }: { target: AssignTarget | null; onClose: () => void }) {
  const { t, tv } = useI18n();
  const can = useCan();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const mayList = can('account.read');
  const [search, setSearch] = useState('');
  const [accountId, setAccountId] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const accounts = useAccounts({ q: search || undefined, limit: 50 }, mayList && !!target);
  const assign = useAssignGrid();

  function close() {
    setAccountId(null);
    setError(null);
    onClose();
  }

  function submit() {
    if (!target || !accountId) return;
    assign.mutate(
      { unitType: target.unitType, unitKey: target.unitKey, accountId },
      {
        onSuccess: () => {
          message.success(t('grid.assigned'));
          close();
        },
        onError: (err) => setError(errorText(err)),
      },
    );
  }

  return (
    <Modal
      open={!!target}
      title={target ? `${t('grid.assign')} · ${tv('unitType', target.unitType)}` : ''}
      onCancel={close}
      onOk={submit}
      okButtonProps={{ disabled: !accountId, loading: assign.isPending, ...({ 'data-testid': 'grid-assign-ok' } as object) }}
      destroyOnHidden
    >
      <Typography.Paragraph strong>{target?.name}</Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label={mayList ? t('grid.account') : t('grid.accountId')} extra={mayList ? undefined : t('grid.accountIdHint')} validateStatus={error ? 'error' : undefined} help={error}>
          {mayList ? (
            <Select
              showSearch={{ filterOption: false, onSearch: setSearch }}
              value={accountId ?? undefined}
              onChange={(v) => { setAccountId(v); setError(null); }}
              loading={accounts.isFetching}
              data-testid="grid-account"
              options={(accounts.data?.items ?? [])
                .filter((a) => !a.disabled)
                .map((a) => ({ value: a.id, label: `${a.displayName} (${a.username}) · ${tv('role', a.role)}` }))}
            />
          ) : (
            <InputNumber min={1} precision={0} style={{ width: '100%' }} value={accountId} onChange={(v) => { setAccountId(v ?? null); setError(null); }} data-testid="grid-account-id" />
          )}
        </Form.Item>
      </Form>
    </Modal>
  );
}
