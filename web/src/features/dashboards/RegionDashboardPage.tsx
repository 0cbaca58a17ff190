import { Button, Card, DatePicker, Flex, Segmented, Space, Statistic, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useI18n } from '../../shared/i18n';
import { ErrorAlert } from '../../shared/ui/errors';
import { type Figures, percent, useRegionDashboard } from './api';
import { TrendChart } from './TrendChart';

type Sort = 'illnessRate' | 'completeness';

/** The bureau dashboard: its region's trend, child regions and schools sorted by rate, drill-down. */
export function RegionDashboardPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const regionCode = params.get('regionCode') ?? undefined;
  const date = params.get('date') ?? undefined;
  const [sort, setSort] = useState<Sort>('illnessRate');
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const q = useRegionDashboard({ regionCode, date, sort });
  const set = (k: string, v: string | null) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next);
  };
  const series = useMemo(() => [
    { name: t('dashboards.illnessRate'), values: (q.data?.trend ?? []).map((d) => d.illnessRate) },
    { name: t('dashboards.completeness'), values: (q.data?.trend ?? []).map((d) => d.completeness) },
  ], [q.data, t]);
  const dates = useMemo(() => (q.data?.trend ?? []).map((d) => d.date), [q.data]);
  if (q.error) return <ErrorAlert error={q.error} onRetry={() => q.refetch()} />;
  const d = q.data;
  const figureColumns = [
    { title: t('dashboards.illnessRate'), dataIndex: 'illnessRate', render: percent },
    { title: t('dashboards.completeness'), dataIndex: 'completeness', render: percent },
    { title: t('dashboards.absentIll'), dataIndex: 'absentIll' },
    { title: t('dashboards.expected'), dataIndex: 'expected' },
    { title: t('dashboards.reportedClasses'), key: 'rc', render: (_: unknown, r: Figures) => `${r.classesReported}/${r.classesExpected}` },
  ];
  return (
    <Flex vertical gap={16} data-testid="region-dashboard">
      <Flex wrap gap={12} align="center" justify="space-between">
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="region-title">{d ? t('dashboards.regionTitle', { name: d.region.name }) : ''}</Typography.Title>
        <Space wrap>
          {regionCode && <Button onClick={() => window.history.back()}>{t('dashboards.up')}</Button>}
          <DatePicker value={d ? dayjs(d.date) : null} allowClear={false} onChange={(v) => set('date', v ? v.format('YYYY-MM-DD') : null)} />
          <Segmented<Sort> value={sort} onChange={setSort} options={[{ value: 'illnessRate', label: t('dashboards.illnessRate') }, { value: 'completeness', label: t('dashboards.completeness') }]} />
        </Space>
      </Flex>
      {d?.today && (
        <Flex wrap gap={24} data-testid="region-today">
          <Statistic title={t('dashboards.illnessRate')} value={percent(d.today.illnessRate)} />
          <Statistic title={t('dashboards.completeness')} value={percent(d.today.completeness)} />
          <Statistic title={t('dashboards.absentIll')} value={d.today.absentIll} valueRender={(n) => <span data-testid="region-absent-ill">{n}</span>} />
          <Statistic title={t('dashboards.reportedClasses')} value={`${d.today.classesReported}/${d.today.classesExpected}`} />
        </Flex>
      )}
      <Card title={t('dashboards.trend')} loading={q.isLoading} extra={<Segmented value={view} onChange={(v) => setView(v as 'chart' | 'table')} options={[{ value: 'chart', label: t('dashboards.chart') }, { value: 'table', label: t('dashboards.table') }]} />}>
        {view === 'chart' ? <TrendChart dates={dates} series={series} /> : (
          <Table rowKey="date" size="small" pagination={false} scroll={{ x: true, y: 320 }} dataSource={d?.trend ?? []} data-testid="trend-table"
            columns={[{ title: t('dashboards.date'), dataIndex: 'date' }, ...figureColumns]} />
        )}
      </Card>
      {(d?.children.length ?? 0) > 0 && (
        <Card title={t('dashboards.children')}>
          <Table rowKey="code" size="small" pagination={false} scroll={{ x: true }} dataSource={d?.children ?? []} data-testid="region-children"
            columns={[{ title: t('dashboards.region'), dataIndex: 'name', render: (v: string, r: Figures & { code: string }) => <a onClick={() => set('regionCode', r.code)} data-testid="region-drill">{v}</a> },
              { title: t('dashboards.schoolsCount'), dataIndex: 'schools' }, ...figureColumns]} />
        </Card>
      )}
      <Card title={t('dashboards.schools')}>
        <Table rowKey="schoolId" size="small" scroll={{ x: true }} dataSource={d?.schools ?? []} data-testid="region-schools" locale={{ emptyText: t('dashboards.noData') }}
          columns={[{ title: t('dashboards.school'), dataIndex: 'name', render: (v: string, r: Figures & { schoolId: number }) => <Link to={`/dashboards/schools/${r.schoolId}?date=${d?.date ?? ''}`} data-testid="region-school">{v}</Link> }, ...figureColumns]} />
      </Card>
    </Flex>
  );
}
