import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useCan, useMe } from '../../shared/auth';
import { formatChinaTime } from '../../shared/china-time';
import { useI18n } from '../../shared/i18n';
import { ErrorAlert } from '../../shared/ui/errors';
import { type ChecklistSummary, useChecklistMutations, useChecklists } from './api';
import { ChecklistEditor } from './ChecklistEditor';

/** Supervision checklists (督导检查清单): each with its newest version; a bureau creates its own. */
export function ChecklistsPage() {
  const { t } = useI18n();
  const can = useCan();
  const me = useMe();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const list = useChecklists();
  const m = useChecklistMutations();
  const [creating, setCreating] = useState(false);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        size="small"
        title={t('checklists.title')}
        extra={can('checklist.manage') && !creating && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="checklist-new">{t('checklists.create')}</Button>}
      >
        <Typography.Paragraph type="secondary">{t('checklists.intro')}</Typography.Paragraph>
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
        <Table<ChecklistSummary>
          size="small"
          rowKey="id"
          loading={list.isPending}
          dataSource={list.data ?? []}
          pagination={false}
          scroll={{ x: true }}
          data-testid="checklists-table"
          onRow={(c) => ({ 'data-testid': `checklist-row-${c.key}` }) as object}
          columns={[
            { title: t('checklists.fields.name'), dataIndex: 'name', render: (v: string, c) => <Link to={`/checklists/versions/${c.latestVersionId}`}>{v}</Link> },
            { title: t('checklists.fields.key'), dataIndex: 'key', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
            { title: t('checklists.scope'), dataIndex: 'regionCode', render: (v: string | null) => (v ? <Tag color="blue">{v}</Tag> : <Tag>{t('checklists.everywhere')}</Tag>) },
            { title: t('checklists.latest'), dataIndex: 'latestVersion', render: (n: number, c) => <Link to={`/checklists/versions/${c.latestVersionId}`}>{t('checklists.versionN', { n })}</Link> },
            { title: t('checklists.itemCount'), dataIndex: 'itemCount' },
            { title: t('checklists.updatedAt'), dataIndex: 'updatedAt', render: (v: string) => formatChinaTime(v, 'YYYY-MM-DD HH:mm') },
          ]}
        />
      </Card>
      {creating && (
        <Card size="small" title={t('checklists.createTitle')}>
          <ChecklistEditor
            mode="create"
            initialItems={[]}
            pending={m.create.isPending}
            error={m.create.error}
            onCancel={() => setCreating(false)}
            onSubmit={async (v) => {
              // A bureau's checklist belongs to its region; a national one has none.
              const regionCode = me.account.scope.kind === 'region' ? me.account.scope.regionCode : undefined;
              const r = await m.create.mutateAsync({ key: v.key!.trim(), name: v.name!.trim(), regionCode, items: v.items });
              message.success(t('checklists.created'));
              navigate(`/checklists/versions/${r.versionId}`);
            }}
          />
        </Card>
      )}
    </Space>
  );
}
