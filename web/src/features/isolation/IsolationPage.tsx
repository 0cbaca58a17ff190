import { Button, Card, Col, Grid, List, Progress, Row, Segmented, Space, Statistic, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../../shared/i18n';
import { ErrorAlert } from '../../shared/ui/errors';
import { type IsolationCounts, type IsolationRow, useIsolationCounts, useIsolations } from './api';
import { useIsolationText } from './strings';

function Counts() {
  const { s } = useIsolationText();
  const counts = useIsolationCounts();
  const c = counts.data;
  return (
    <Card size="small" title={s.title} data-testid="isolation-counts" loading={counts.isPending}>
      <ErrorAlert error={counts.error} onRetry={() => void counts.refetch()} />
      {c && (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Row gutter={[12, 12]}>
            <Col xs={12} md={6}>
              <Statistic title={s.total} value={c.total} valueStyle={{ color: '#cf1322' }} data-testid="isolation-total" />
            </Col>
            {(['home', 'on_campus', 'site'] as const).map((k) => (
              <Col xs={12} md={6} key={k}>
                <Statistic title={s.kinds[k]} value={c.byKind[k] ?? 0} data-testid={`isolation-count-${k}`} />
              </Col>
            ))}
          </Row>
          {c.bySite.length > 0 && (
            <Table
              size="small"
              pagination={false}
              rowKey="siteId"
              title={() => s.bySite}
              dataSource={c.bySite}
              data-testid="isolation-sites"
              columns={[
                { title: s.site, dataIndex: 'name' },
                {
                  title: s.occupied,
                  render: (_: unknown, x: IsolationCounts['bySite'][number]) => (
                    <Space>
                      <span>
                        {x.occupied} / {x.capacity}
                      </span>
                      <Progress percent={x.capacity ? Math.round((x.occupied / x.capacity) * 100) : 0} size="small" style={{ width: 100 }} />
                    </Space>
                  ),
                },
              ]}
            />
          )}
          {c.byRegion.length > 0 && (
            <Table
              size="small"
              pagination={false}
              rowKey="regionCode"
              title={() => s.byRegion}
              dataSource={c.byRegion}
              data-testid="isolation-regions"
              columns={[
                { title: s.region, dataIndex: 'name' },
                { title: s.kinds.home, dataIndex: 'home' },
                { title: s.kinds.on_campus, dataIndex: 'on_campus' },
                { title: s.kinds.site, dataIndex: 'site' },
              ]}
            />
          )}
        </Space>
      )}
    </Card>
  );
}

/** Active isolations in scope: the bureau's figures, then the people, by kind. */
export function IsolationPage() {
  const { s } = useIsolationText();
  const screens = Grid.useBreakpoint();
  const { tv } = useI18n();
  const [kind, setKind] = useState<string>('');
  const list = useIsolations(kind ? { kind } : {});
  const items = list.data?.items ?? [];
  const kindTag = (k: string) => <Tag color={k === 'site' ? 'red' : k === 'on_campus' ? 'orange' : 'blue'}>{s.kinds[k] ?? k}</Tag>;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Counts />
      <Card
        size="small"
        title={s.list}
        extra={<Segmented size="small" value={kind} onChange={(v) => setKind(String(v))} options={[{ value: '', label: s.all }, ...['home', 'on_campus', 'site'].map((k) => ({ value: k, label: s.kinds[k] }))]} />}
      >
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
        {screens.md === false ? (
          <List
            loading={list.isPending}
            dataSource={items}
            data-testid="isolation-table"
            renderItem={(x) => (
              <List.Item key={x.id} data-testid="isolation-row" extra={<Link to={`/isolation/${x.id}`}>{s.open}</Link>}>
                <List.Item.Meta title={<Space>{x.personName}{kindTag(x.kind)}</Space>} description={`${x.className ?? ''} ${x.startsOn} – ${x.plannedEnd}${x.siteName ? ` · ${x.siteName}` : ''}`} />
              </List.Item>
            )}
          />
        ) : (
          <Table
            size="small"
            rowKey="id"
            loading={list.isPending}
            dataSource={items}
            data-testid="isolation-table"
            onRow={() => ({ 'data-testid': 'isolation-row' }) as object}
            columns={[
              { title: s.person, dataIndex: 'personName', render: (v: string, x: IsolationRow) => <Link to={`/isolation/${x.id}`}>{v}</Link> },
              { title: s.className, dataIndex: 'className' },
              { title: s.kind, dataIndex: 'kind', render: (k: string, x: IsolationRow) => <Space>{kindTag(k)}{x.siteName}</Space> },
              { title: s.period, render: (_: unknown, x: IsolationRow) => `${x.startsOn} – ${x.plannedEnd}` },
              { title: s.reason, dataIndex: 'reason' },
              { title: s.disease, dataIndex: 'disease', render: (v: string) => tv('disease', v) },
              { title: '', render: (_: unknown, x: IsolationRow) => <Link to={`/isolation/${x.id}`}><Button size="small">{s.open}</Button></Link> },
            ]}
          />
        )}
      </Card>
    </Space>
  );
}
