import { Button, Card, List, Space, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useCan } from '../../shared/auth';
import { ErrorAlert } from '../../shared/ui/errors';
import { useCampaigns } from './api';
import { NewCampaignForm } from './NewCampaignForm';
import { useScreeningText } from './strings';

/** Screening campaigns in scope. */
export function CampaignsPage() {
  const { s } = useScreeningText();
  const list = useCampaigns();
  const can = useCan();
  const [creating, setCreating] = useState(false);
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {creating && <NewCampaignForm onDone={() => setCreating(false)} />}
      <Card
        size="small"
        title={s.title}
        extra={can('screening.manage') && !creating && <Button size="small" type="primary" onClick={() => setCreating(true)} data-testid="screening-create">{s.create}</Button>}
      >
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
    </Space>
  );
}
