import { Button, Card, Space, Table, Tag, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { useMe } from '../../shared/auth';
import { useI18n } from '../../shared/i18n';
import { ErrorAlert } from '../../shared/ui/errors';
import { type Episode, useFollowUpQueue } from './api';
import { useSymptomName } from './symptom-names';

/** The school doctor's queue: open illness absences whose cause is not yet known, oldest first. */
export function FollowUpQueuePage() {
  const { t } = useI18n();
  const me = useMe();
  const symptomName = useSymptomName();
  const [params] = useSearchParams();
  const schoolId = Number(params.get('schoolId') ?? me.account.scope.schoolId ?? 0) || null;
  const queue = useFollowUpQueue(schoolId);
  if (queue.error) return <ErrorAlert error={queue.error} onRetry={() => queue.refetch()} />;
  return (
    <Card title={t('checks.queue.title')} data-testid="followup-queue">
      <Table<Episode> rowKey="id" loading={queue.isLoading} dataSource={queue.data?.items ?? []} pagination={false} scroll={{ x: true }}
        locale={{ emptyText: t('checks.queue.empty') }} onRow={() => ({ 'data-testid': 'followup-row' }) as never}
        columns={[
          { title: t('checks.queue.name'), dataIndex: 'personName', render: (v: string, e) => <Space>{v}{e.overdue && <Tag color="red">{t('checks.queue.overdue')}</Tag>}</Space> },
          { title: t('checks.queue.className'), dataIndex: 'className' },
          { title: t('checks.queue.opened'), dataIndex: 'openedOn' },
          { title: t('checks.queue.symptoms'), dataIndex: 'symptoms', render: (v: string[]) => v.map((s) => <Tag key={s}>{symptomName(s)}</Tag>) },
          { title: '', key: 'open', render: (_: unknown, e) => <Link to={`/absences/episodes/${e.id}`} data-testid="followup-open"><Button size="small">{t('checks.queue.open')}</Button></Link> },
        ]} />
      <Typography.Text type="secondary">{queue.data?.date}</Typography.Text>
    </Card>
  );
}
