import { PlusOutlined, RadarChartOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Badge, Button, Card, DatePicker, Empty, Grid, List, Popover, Segmented, Select, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { chinaToday } from '../../shared/china-time';
import { useI18n } from '../../shared/i18n';
import { ErrorAlert, useNotifyError } from '../../shared/ui/errors';
import { type AlertQuery, type AlertStatus, type AlertSummary, UNIT_KINDS, type UnitKind, useAlerts, useScan, useUnitKindTotals } from './api';
import { Countdown, formatTime, LevelTags, RuleText, StatusTag, windowText } from './parts';

const PAGE = 50;
const STATUSES: AlertStatus[] = ['new', 'acknowledged', 'investigating', 'reported_to_cdc', 'closed'];

type Filters = Omit<AlertQuery, 'limit' | 'offset'> & { page: number };

/** Filters live in the address, so a filtered queue can be bookmarked and shared. */
function useFilters(): [Filters, (patch: Partial<Filters>) => void] {
  const [params, setParams] = useSearchParams();
  const str = <T extends string>(k: string) => (params.get(k) || undefined) as T | undefined;
  const filters: Filters = {
    status: (params.get('status') === 'all' ? undefined : (str<AlertStatus | 'open'>('status') ?? 'open')),
    unitKind: str<UnitKind>('unitKind'),
    level: str<'report' | 'emergency'>('level'),
    escalation: str<'school' | 'county' | 'city' | 'province'>('escalation'),
    source: str<'rule' | 'scan'>('source'),
    page: Number(params.get('page') ?? 1) || 1,
  };
  const update = (patch: Partial<Filters>) => {
    const next = { ...filters, page: 1, ...patch };
    const out = new URLSearchParams();
    for (const [k, v] of Object.entries(next)) {
      if (k === 'status') {
        if (v === undefined) out.set('status', 'all');
        else if (v !== 'open') out.set('status', String(v));
      } else if (v !== undefined && v !== '' && !(k === 'page' && v === 1)) out.set(k, String(v));
    }
    setParams(out);
  };
  return [filters, update];
}

function ScanButton({ regionCode }: { regionCode?: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const scan = useScan();
  const [date, setDate] = useState(chinaToday());
  const [open, setOpen] = useState(false);
  const run = () =>
    scan.mutate(
      { date, regionCode },
      {
        onSuccess: (r) => {
          setOpen(false);
          message.success(t('alerts.scanDone', { schools: r.schools, counties: r.counties, signals: r.signals, raised: r.raised }));
        },
        onError: notifyError,
      },
    );
  const content = (
    <Space orientation="vertical">
      <Typography.Text>{t('alerts.scanDate')}</Typography.Text>
      <DatePicker value={dayjs(date)} allowClear={false} disabledDate={(d) => d.format('YYYY-MM-DD') > chinaToday()} onChange={(d) => d && setDate(d.format('YYYY-MM-DD'))} />
      <Button type="primary" block loading={scan.isPending} onClick={run} data-testid="alert-scan-run">
        {t('alerts.scan')}
      </Button>
    </Space>
  );
  return (
    <Popover content={content} trigger="click" open={open} onOpenChange={setOpen}>
      <Button icon={<RadarChartOutlined />} data-testid="alert-scan">
        {t('alerts.scan')}
      </Button>
    </Popover>
  );
}

function AlertCards({ items, fetchedAt }: { items: AlertSummary[]; fetchedAt: number }) {
  const { t, tv } = useI18n();
  return (
    <List
      data-testid="alerts-table"
      dataSource={items}
      locale={{ emptyText: <Empty description={t('alerts.empty')} /> }}
      renderItem={(a) => (
        <Link to={`/alerts/${a.id}`} style={{ display: 'block', color: 'inherit' }} data-testid="alert-row" data-alert-id={a.id}>
          <Card size="small" style={{ marginBottom: 8, borderLeft: `4px solid ${a.level === 'emergency' ? '#cf1322' : a.status === 'new' ? '#fa541c' : '#d9d9d9'}` }}>
            <Space orientation="vertical" size={4} style={{ width: '100%' }}>
              <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
                <Typography.Text strong data-testid="alert-unit">
                  {a.unit.name}
                </Typography.Text>
                <StatusTag status={a.status} outcome={a.outcome} />
              </Space>
              <Countdown alert={a} fetchedAt={fetchedAt} />
              <RuleText alert={a} />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {a.schoolName && a.unit.kind !== 'school' ? `${a.schoolName} · ` : ''}
                {windowText(a.window)} · {t('alerts.cases')} {a.caseCount} · {tv('alertEscalation', a.escalationLevel)}
              </Typography.Text>
              <LevelTags alert={a} />
            </Space>
          </Card>
        </Link>
      )}
    />
  );
}

export function AlertQueuePage() {
  const { t, tv, locale } = useI18n();
  const navigate = useNavigate();
  const [filters, update] = useFilters();
  const { page, ...filter } = filters;
  const alerts = useAlerts({ ...filter, limit: PAGE, offset: (page - 1) * PAGE });
  const { unitKind: _unitKind, ...otherFilters } = filter;
  const unitTotals = useUnitKindTotals(otherFilters);
  const phone = !(Grid.useBreakpoint().md ?? true);
  const data = alerts.data;
  const counts = data?.countsByStatus;
  const openCount = counts ? counts.new + counts.acknowledged + counts.investigating + counts.reported_to_cdc : undefined;
  const num = (n: number | undefined) => (n === undefined ? '' : ` ${n}`);

  const statusOptions = [
    { value: 'open', label: <span data-testid="alert-filter-status-open">{t('alerts.open')}{num(openCount)}</span> },
    ...STATUSES.map((s) => ({
      value: s,
      label: (
        <span data-testid={`alert-filter-status-${s}`}>
          {s === 'new' && (counts?.new ?? 0) > 0 ? <Badge status="error" /> : null} {tv('alertStatus', s)}
          {num(counts?.[s])}
        </span>
      ),
    })),
    { value: 'all', label: t('alerts.all') },
  ];
  const unitOptions = [
    { value: 'all', label: t('alerts.all') },
    ...UNIT_KINDS.map((k) => ({ value: k, label: <span data-testid={`alert-filter-unit-${k}`}>{tv('alertUnit', k)}{num(unitTotals[k])}</span> })),
  ];

  const columns = [
    {
      title: t('alerts.countdown'),
      key: 'countdown',
      width: 230,
      render: (_: unknown, a: AlertSummary) => <Countdown alert={a} fetchedAt={alerts.dataUpdatedAt} />,
    },
    {
      title: t('alerts.unit'),
      key: 'unit',
      render: (_: unknown, a: AlertSummary) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/alerts/${a.id}`} data-testid="alert-unit">
            {a.unit.name}
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {a.unit.kind !== 'school' && a.schoolName ? `${a.schoolName} · ` : ''}
            {a.regionName}
          </Typography.Text>
          <LevelTags alert={a} />
        </Space>
      ),
    },
    { title: t('alerts.rule'), key: 'rule', render: (_: unknown, a: AlertSummary) => <RuleText alert={a} /> },
    { title: t('alerts.window'), key: 'window', responsive: ['lg' as const], render: (_: unknown, a: AlertSummary) => windowText(a.window) },
    { title: t('alerts.cases'), dataIndex: 'caseCount', align: 'right' as const },
    { title: t('alerts.status'), key: 'status', render: (_: unknown, a: AlertSummary) => <StatusTag status={a.status} outcome={a.outcome} /> },
    { title: t('alerts.escalation'), dataIndex: 'escalationLevel', responsive: ['xl' as const], render: (v: string) => tv('alertEscalation', v) },
    { title: t('alerts.raisedAt'), dataIndex: 'raisedAt', responsive: ['lg' as const], render: (v: string) => formatTime(v) },
  ];

  return (
    <Card
      title={t('alerts.title')}
      extra={
        <Space wrap>
          <Button icon={<ReloadOutlined />} onClick={() => void alerts.refetch()} aria-label={t('common.refresh')} />
          {data?.can.scan && <ScanButton />}
          {data?.can.handle && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/alerts/new')} data-testid="alert-raise" aria-label={t('alerts.raise')}>
              {!phone && t('alerts.raise')}
            </Button>
          )}
        </Space>
      }
    >
      <Space orientation="vertical" size={8} style={{ width: '100%', marginBottom: 12 }}>
        <div style={{ overflowX: 'auto' }}>
          <Segmented
            data-testid="alert-filter-status"
            value={filters.status ?? 'all'}
            options={statusOptions}
            onChange={(v) => update({ status: v === 'all' ? undefined : (v as AlertStatus | 'open') })}
          />
        </div>
        <div style={{ overflowX: 'auto' }}>
          <Segmented
            data-testid="alert-filter-unit"
            value={filters.unitKind ?? 'all'}
            options={unitOptions}
            onChange={(v) => update({ unitKind: v === 'all' ? undefined : (v as UnitKind) })}
          />
        </div>
        <Space wrap>
          <Select allowClear placeholder={t('alerts.filterLevel')} style={{ width: 130 }} value={filters.level} onChange={(v) => update({ level: v })}
            options={(['report', 'emergency'] as const).map((v) => ({ value: v, label: tv('alertLevel', v) }))} />
          <Select allowClear placeholder={t('alerts.filterEscalation')} style={{ width: 130 }} value={filters.escalation} onChange={(v) => update({ escalation: v })}
            options={(['school', 'county', 'city', 'province'] as const).map((v) => ({ value: v, label: tv('alertEscalation', v) }))} />
          <Select allowClear placeholder={t('alerts.filterSource')} style={{ width: 130 }} value={filters.source} onChange={(v) => update({ source: v })}
            options={(['rule', 'scan'] as const).map((v) => ({ value: v, label: tv('alertSource', v) }))} />
        </Space>
      </Space>
      <ErrorAlert error={alerts.error} onRetry={() => void alerts.refetch()} />
      {phone ? (
        <AlertCards items={data?.items ?? []} fetchedAt={alerts.dataUpdatedAt} />
      ) : (
        <Table<AlertSummary>
          key={locale}
          data-testid="alerts-table"
          rowKey="id"
          size="small"
          loading={alerts.isFetching && !data}
          dataSource={data?.items ?? []}
          columns={columns}
          locale={{ emptyText: <Empty description={t('alerts.empty')} /> }}
          onRow={(a) => ({ 'data-testid': 'alert-row', 'data-alert-id': a.id, style: a.status === 'new' ? { background: '#fff7f5' } : undefined }) as React.HTMLAttributes<HTMLElement>}
          scroll={{ x: 'max-content' }}
          pagination={{ current: page, pageSize: PAGE, total: data?.total ?? 0, showSizeChanger: false, onChange: (p) => update({ ...filter, page: p }), showTotal: (n) => t('common.total', { n }) }}
        />
      )}
      {phone && (data?.total ?? 0) > PAGE && (
        <Space style={{ marginTop: 8 }}>
          <Button disabled={page <= 1} onClick={() => update({ ...filter, page: page - 1 })}>‹</Button>
          <Typography.Text>{page}</Typography.Text>
          <Button disabled={page * PAGE >= (data?.total ?? 0)} onClick={() => update({ ...filter, page: page + 1 })}>›</Button>
        </Space>
      )}
    </Card>
  );
}
