import { CloudUploadOutlined } from '@ant-design/icons';
import { App, Breadcrumb, Button, Card, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useCan } from '../../shared/auth';
import { type MessageKey, useI18n } from '../../shared/i18n';
import { ErrorAlert } from '../../shared/ui/errors';
import { type ChecklistItem, useChecklistMutations, useChecklists, useChecklistVersion } from './api';
import { ChecklistEditor } from './ChecklistEditor';

/** One version's items (never edited: inspections keep pointing at it) and, for a bureau, publishing the next one. */
export function VersionPage() {
  const { t, locale } = useI18n();
  const can = useCan();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const id = Number(useParams().id);
  const q = useChecklistVersion(id);
  const list = useChecklists();
  const m = useChecklistMutations();
  const [publishing, setPublishing] = useState(false);
  if (q.error) return <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) return <Skeleton active />;
  const v = q.data;
  const lang = locale === 'en' ? 'en' : 'zh-CN';
  const latest = list.data?.find((c) => c.id === v.templateId);
  const isLatest = !latest || latest.latestVersionId === v.id;
  const text = (x: { 'zh-CN': string; en: string }) => x[lang] || x['zh-CN'];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Breadcrumb items={[{ title: <Link to="/checklists">{t('checklists.title')}</Link> }, { title: v.name }]} />
      <Card
        size="small"
        title={
          <Space wrap>
            <span>{v.name}</span>
            <Tag color="blue" data-testid="checklist-version">{t('checklists.versionN', { n: v.version })}</Tag>
            {!isLatest && latest && <Link to={`/checklists/versions/${latest.latestVersionId}`}>{t('checklists.goLatest', { n: latest.latestVersion })}</Link>}
          </Space>
        }
        extra={can('checklist.manage') && isLatest && !publishing && <Button icon={<CloudUploadOutlined />} onClick={() => setPublishing(true)} data-testid="checklist-publish-open">{t('checklists.publish')}</Button>}
      >
        {v.note && <Typography.Paragraph data-testid="checklist-version-note">{t('checklists.noteLine', { note: v.note === 'shipped' ? t('checklists.shipped') : v.note })}</Typography.Paragraph>}
        {publishing ? (
          <ChecklistEditor
            mode="publish"
            initialItems={v.items}
            pending={m.publish.isPending}
            error={m.publish.error}
            onCancel={() => setPublishing(false)}
            onSubmit={async (values) => {
              const r = await m.publish.mutateAsync({ id: v.templateId, items: values.items, note: values.note!.trim() });
              message.success(t('checklists.published', { n: r.version }));
              setPublishing(false);
              navigate(`/checklists/versions/${r.versionId}`);
            }}
          />
        ) : (
          <Table<ChecklistItem>
            size="small"
            rowKey="key"
            pagination={false}
            scroll={{ x: true }}
            dataSource={v.items}
            data-testid="checklist-version-items"
            onRow={(x) => ({ 'data-testid': `version-item-${x.key}` }) as object}
            columns={[
              { title: t('checklists.fields.section'), dataIndex: 'section', width: 120 },
              { title: t('checklists.fields.key'), dataIndex: 'key', render: (k: string) => <Typography.Text code>{k}</Typography.Text> },
              { title: t('checklists.fields.title'), key: 'title', render: (_: unknown, x) => text(x.title) },
              { title: t('checklists.fields.evidence'), key: 'evidence', render: (_: unknown, x) => text(x.evidence) },
              { title: t('checklists.fields.weight'), dataIndex: 'weight', width: 70 },
              { title: t('checklists.fields.liveFigure'), dataIndex: 'liveFigure', render: (k?: string) => (k ? <Tag>{t(`checklists.live.${k.replace('plan:', 'plan_')}` as MessageKey)}</Tag> : '—') },
            ]}
          />
        )}
      </Card>
    </Space>
  );
}
