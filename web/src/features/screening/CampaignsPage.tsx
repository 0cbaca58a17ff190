import { Card, List, Tag } from 'antd';
import { Link } from 'react-router';
import { ErrorAlert } from '../../shared/ui/errors';
import { useCampaigns } from './api';
import { useScreeningText } from './strings';

/** Screening campaigns in scope. */
export function CampaignsPage() {
  const { s } = useScreeningText();
  const list = useCampaigns();
  return (
    <Card size="small" title={s.title}>
      <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      <List
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        data-testid="screening-campaigns"
        renderItem={(c) => (
          <List.Item key={c.id} data-testid="screening-campaign" extra={<Link to={`/screening/${c.id}`}>{s.open}</Link>}>
            <List.Item.Meta title={<Link to={`/screening/${c.id}`}>{c.name}</Link>} description={<>{s.deadline} {c.deadline} <Tag>{s.statuses[c.status] ?? c.status}</Tag></>} />
          </List.Item>
        )}
      />
    </Card>
  );
}
