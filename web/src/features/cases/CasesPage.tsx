import { Button, Card, Grid, List, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { formatChinaTime } from '../../shared/china-time';
import { useI18n } from '../../shared/i18n';
import { ErrorAlert } from '../../shared/ui/errors';
import { type CaseRow, useCases } from './api';
import { NewCaseForm } from './NewCaseForm';
import { useCaseText } from './strings';

export const caseStatusColor: Record<string, string> = { suspected: 'orange', confirmed: 'red', excluded: 'default' };

/** Cases in scope, newest first. */
export function CasesPage() {
  const { c } = useCaseText();
  const { tv } = useI18n();
  const screens = Grid.useBreakpoint();
  const cases = useCases();
  const items = cases.data?.items ?? [];
  const [recording, setRecording] = useState(false);
  const status = (s: string) => <Tag color={caseStatusColor[s]}>{c.statuses[s] ?? s}</Tag>;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {recording && <NewCaseForm onClose={() => setRecording(false)} />}
      <Card
        size="small"
        title={c.title}
        extra={cases.data?.can.manage && !recording && <Button size="small" type="primary" onClick={() => setRecording(true)} data-testid="case-record">{c.record}</Button>}
      >
        <ErrorAlert error={cases.error} onRetry={() => void cases.refetch()} />
        {screens.md === false ? (
          <List
            loading={cases.isPending}
            dataSource={items}
            data-testid="cases-table"
            renderItem={(x) => (
              <List.Item key={x.id} data-testid="case-row">
                <List.Item.Meta title={<Link to={`/cases/${x.id}`}>{x.personName} {status(x.status)}</Link>} description={`${tv('disease', x.disease)} · ${x.schoolName} ${x.className ?? ''} · ${x.onsetDate ?? ''}`} />
              </List.Item>
            )}
          />
        ) : (
          <Table
            size="small"
            rowKey="id"
            loading={cases.isPending}
            dataSource={items}
            data-testid="cases-table"
            onRow={() => ({ 'data-testid': 'case-row' }) as object}
            columns={[
              { title: c.person, dataIndex: 'personName', render: (v: string, x: CaseRow) => <Link to={`/cases/${x.id}`}>{v}</Link> },
              { title: c.disease, dataIndex: 'disease', render: (v: string) => tv('disease', v) },
              { title: c.status, dataIndex: 'status', render: status },
              { title: c.school, dataIndex: 'schoolName' },
              { title: c.className, dataIndex: 'className' },
              { title: c.onset, dataIndex: 'onsetDate' },
              { title: c.createdAt, dataIndex: 'createdAt', render: (v: string) => formatChinaTime(v, 'YYYY-MM-DD') },
            ]}
          />
        )}
      </Card>
    </Space>
  );
}
