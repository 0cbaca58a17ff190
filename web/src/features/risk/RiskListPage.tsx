import { ReloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useCan } from '../../shared/auth';
import { formatChinaTime } from '../../shared/china-time';
import { useI18n } from '../../shared/i18n';
import { ErrorAlert, useNotifyError } from '../../shared/ui/errors';
import { useSchool } from '../schools/api';
import { type RiskRow, useRiskList, useRiskMutations } from './api';
import { RiskTag, useReasonText } from './reasons';

function SchoolName({ id }: { id: number }) {
  const q = useSchool(id);
  return <Link to={`/schools/${id}`}>{q.data?.school.name ?? `#${id}`}</Link>;
}

/** Everyone in the account's scope who is not green, red first, each with the reasons the rules (or a person) gave. */
export function RiskListPage() {
  const { t, tv } = useI18n();
  const can = useCan();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [status, setStatus] = useState<'all' | 'red' | 'yellow'>('all');
  const list = useRiskList(status === 'all' ? {} : { status });
  const m = useRiskMutations();
  const reasonText = useReasonText();

  const recompute = () =>
    m.recompute.mutate({}, { onSuccess: (r) => void message.success(t('risk.recomputed', { evaluated: r.evaluated, changed: r.changed })), onError: notifyError });

  return (
    <Card
      size="small"
      title={t('risk.listTitle')}
      extra={
        <Space wrap>
          <Segmented
            value={status}
            onChange={(v) => setStatus(v as typeof status)}
            options={[
              { value: 'all', label: t('common.all') },
              { value: 'red', label: t('risk.colours.red') },
              { value: 'yellow', label: t('risk.colours.yellow') },
            ]}
            data-testid="risk-filter"
          />
          {can('risk_area.manage') && <Button icon={<ReloadOutlined />} onClick={recompute} loading={m.recompute.isPending} data-testid="risk-recompute">{t('risk.recompute')}</Button>}
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('risk.listHint')}</Typography.Paragraph>
      <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      <Table<RiskRow>
        size="small"
        rowKey="personId"
        loading={list.isPending}
        dataSource={list.data ?? []}
        scroll={{ x: true }}
        data-testid="risk-table"
        onRow={(x) => ({ 'data-testid': `risk-row-${x.personId}` }) as object}
        columns={[
          { title: t('risk.person'), dataIndex: 'name', render: (v: string, x) => <Link to={`/people/${x.personId}`}>{v}</Link> },
          { title: t('risk.kind'), dataIndex: 'kind', render: (v: string) => tv('kind', v) },
          { title: t('risk.school'), dataIndex: 'schoolId', render: (id: number) => <SchoolName id={id} /> },
          { title: t('risk.className'), dataIndex: 'className', render: (v: string | null) => v ?? '—' },
          {
            title: t('risk.status'),
            dataIndex: 'status',
            render: (v: string, x) => (
              <Space size={4}>
                <RiskTag status={v} />
                {x.overridden && <Tag color="purple">{t('risk.overridden')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('risk.why'),
            key: 'reasons',
            render: (_: unknown, x) => (x.reasons.length ? x.reasons.map(reasonText).join('；') : x.overridden ? t('risk.manualOnly') : '—'),
          },
          { title: t('risk.updatedAt'), dataIndex: 'updatedAt', render: (v: string) => formatChinaTime(v, 'MM-DD HH:mm') },
        ]}
      />
    </Card>
  );
}
