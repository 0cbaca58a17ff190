import { Button, Card, DatePicker, Flex, List, Space, Statistic, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link, useParams, useSearchParams } from 'react-router';
import { download } from '../../shared/api/client';
import { addDays } from '../../shared/china-time';
import { type MessageKey, useI18n } from '../../shared/i18n';
import { ErrorAlert, useNotifyError } from '../../shared/ui/errors';
import { percent, useSchoolDashboard } from './api';

/** The school dashboard: today's sessions, classes not reported, open illness absences, returns due. */
export function SchoolDashboardPage() {
  const schoolId = Number(useParams().schoolId);
  const { t } = useI18n();
  const notify = useNotifyError();
  const [params, setParams] = useSearchParams();
  const q = useSchoolDashboard(schoolId, params.get('date') ?? undefined);
  if (q.error) return <ErrorAlert error={q.error} onRetry={() => q.refetch()} />;
  const d = q.data;
  const date = d?.date ?? '';
  const from = date ? addDays(date, -29) : '';
  return (
    <Flex vertical gap={16} data-testid="school-dashboard">
      <Flex wrap gap={12} align="center" justify="space-between">
        <Typography.Title level={4} style={{ margin: 0 }}>{d ? t('dashboards.schoolTitle', { name: d.school.name }) : ''}</Typography.Title>
        <Space wrap>
          <DatePicker value={date ? dayjs(date) : null} allowClear={false} onChange={(v) => v && setParams({ date: v.format('YYYY-MM-DD') })} />
          <Button data-testid="export-checks" onClick={() => download(`/api/dashboards/schools/${schoolId}/check-register.xlsx`, { date }, `晨午检登记表-${date}.xlsx`).catch(notify)}>{t('dashboards.exportChecks')}</Button>
          <Button data-testid="export-absences" onClick={() => download(`/api/dashboards/schools/${schoolId}/absence-register.xlsx`, { from, to: date }, `因病缺勤追踪登记表-${date}.xlsx`).catch(notify)}>{t('dashboards.exportAbsences')}</Button>
        </Space>
      </Flex>
      <Flex wrap gap={16}>
        {(d?.sessions ?? []).map((s) => (
          <Card key={s.session} size="small" style={{ minWidth: 280, flex: 1 }} data-testid="school-session" title={<Space>{t(`checks.session.${s.session}` as MessageKey)}<Tag color={s.deadlinePassed ? 'default' : 'blue'}>{t('dashboards.deadline', { time: s.deadline })}</Tag></Space>}>
            <Flex wrap gap={16}>
              <Statistic title={t('dashboards.reportedClasses')} value={s.figures ? `${s.figures.classesReported}/${s.figures.classesExpected}` : `0/${s.classesNotReported.length}`} />
              <Statistic title={t('dashboards.illnessRate')} value={percent(s.figures?.illnessRate)} />
              <Statistic title={t('dashboards.absentIll')} value={s.figures?.absentIll ?? 0} />
            </Flex>
            <Typography.Text strong>{t('dashboards.notReported')}</Typography.Text>
            <div data-testid="school-not-reported">
              {s.classesNotReported.length ? s.classesNotReported.map((c) => <Tag key={c.classId} color={s.deadlinePassed ? 'red' : 'default'}>{c.name}</Tag>) : <Tag color="green">{t('dashboards.allReported')}</Tag>}
            </div>
          </Card>
        ))}
      </Flex>
      <Card title={t('dashboards.openEpisodes')} loading={q.isLoading}>
        <Table rowKey="id" size="small" pagination={false} scroll={{ x: true }} dataSource={d?.openEpisodes ?? []} data-testid="school-episodes"
          columns={[
            { title: t('checks.queue.name'), dataIndex: 'name', render: (v: string, e: { id: number }) => <Link to={`/absences/episodes/${e.id}`}>{v}</Link> },
            { title: t('checks.queue.opened'), dataIndex: 'openedOn' },
            { title: '', dataIndex: 'causeKnown', render: (v: boolean) => <Tag color={v ? 'green' : 'orange'}>{v ? t('dashboards.causeKnown') : t('dashboards.causeUnknown')}</Tag> },
            { title: t('checks.episode.expectedReturn'), dataIndex: 'expectedReturn' },
          ]} />
      </Card>
      <Card title={t('dashboards.returnsDue')}>
        <List size="small" dataSource={d?.returnsDue ?? []} locale={{ emptyText: t('dashboards.noData') }}
          renderItem={(e) => <List.Item><Link to={`/absences/episodes/${e.id}`}>{e.name}</Link><span>{e.expectedReturn}</span></List.Item>} />
      </Card>
    </Flex>
  );
}
