import { App, Form, InputNumber, Modal, Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useI18n } from '../../shared/i18n';
import { useErrorText } from '../../shared/ui/errors';
import { type GridCandidate, type UnitType, useAssignGrid, useGridCandidates } from './api';

export interface AssignTarget {
  unitType: UnitType;
  unitKey: string;
  name: string;
}

/** Waits until typing pauses before the search goes to the server. */
function useDebounced(value: string, ms = 300): string {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/**
 * Chooses the responsible person from the server's candidates for the unit (active accounts in the
 * caller's scope that the assignment would accept), searchable by name or username. Only when that list
 * cannot be loaded does it fall back to an account ID.
 */
export function AssignModal({ target, onClose }: { target: AssignTarget | null; onClose: () => void }) {
  const { t, tv } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const [accountId, setAccountId] = useState<number | null>(null);
  const [chosen, setChosen] = useState<GridCandidate | null>(null);
  const [error, setError] = useState<string | null>(null);
  const candidates = useGridCandidates(q, target ?? undefined, !!target);
  const assign = useAssignGrid();
  const listFailed = candidates.isError;

  function close() {
    setAccountId(null);
    setChosen(null);
    setSearch('');
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

  const items = candidates.data ?? [];
  // The chosen person stays selectable (and labelled) while a later search no longer lists them.
  const listed = chosen && !items.some((c) => c.id === chosen.id) ? [chosen, ...items] : items;
  const options = listed.map((c) => ({ value: c.id, label: `${c.displayName} · ${tv('role', c.role)}`, candidate: c }));

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
        <Form.Item
          label={listFailed ? t('grid.accountId') : t('grid.account')}
          extra={listFailed ? t('grid.accountIdHint') : undefined}
          validateStatus={error ? 'error' : undefined}
          help={error}
        >
          {listFailed ? (
            <InputNumber min={1} precision={0} style={{ width: '100%' }} value={accountId} onChange={(v) => { setAccountId(v ?? null); setError(null); }} data-testid="grid-account-id" />
          ) : (
            <Select
              showSearch={{ filterOption: false, onSearch: setSearch }}
              placeholder={t('grid.accountPlaceholder')}
              value={accountId ?? undefined}
              onChange={(v, option) => {
                setAccountId(v ?? null);
                setChosen(option && !Array.isArray(option) ? option.candidate : null);
                setError(null);
              }}
              loading={candidates.isFetching}
              notFoundContent={candidates.isFetching ? t('app.loading') : t('grid.noCandidates')}
              data-testid="grid-account"
              options={options}
              optionRender={(o) => (
                <Space size={6} data-testid="grid-candidate">
                  <span>{o.data.candidate.displayName}</span>
                  <Typography.Text type="secondary">
                    {tv('role', o.data.candidate.role)} · {o.data.candidate.username}
                  </Typography.Text>
                </Space>
              )}
            />
          )}
        </Form.Item>
      </Form>
    </Modal>
  );
}
