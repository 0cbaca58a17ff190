import { App, Button, Card, DatePicker, Empty, Flex, List, Popconfirm, Statistic, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useCan } from '../../shared/auth';
import { chinaToday } from '../../shared/china-time';
import { useI18n } from '../../shared/i18n';
import { ErrorAlert, useNotifyError } from '../../shared/ui/errors';
import { useSchoolSelect } from '../vaccination/SchoolSelect';
import { type OnlineCoverage, type Period, useOnlineCoverage, useOnlineMutations, usePeriods } from './api';
import { StartForm } from './StartForm';

/**
 * 线上教学: a school (or its bureau) switches a class, grade or school online for a period and ends it;
 * the bureau sees, for a day, which classes are online and how many students that covers.
 */
export function OnlineTeachingPage() {
  const { t } = useI18n();
  const can = useCan();
  const [date, setDate] = useState(chinaToday());
  const { schoolId, picker, own } = useSchoolSelect(t('onlineTeaching.chooseSchool'), 'online-school');
  const periods = usePeriods({ schoolId, date });
  const coverage = useOnlineCoverage(date);

  return (
    <Flex vertical gap={12} style={{ maxWidth: 960 }} data-testid="online-page">
      <Flex wrap gap={8} justify="space-between" align="center">
        <Typography.Title level={4} style={{ margin: 0 }}>{t('onlineTeaching.title')}</Typography.Title>
        <Flex wrap gap={8}>
          <DatePicker value={dayjs(date)} allowClear={false} onChange={(d) => d && setDate(d.format('YYYY-MM-DD'))} data-testid="online-date" />
          {picker}
        </Flex>
      </Flex>
      <ErrorAlert error={coverage.error ?? periods.error} />
      {!own && coverage.data && <CoverageCard data={coverage.data} />}
      <PeriodList periods={periods.data?.items ?? []} loading={periods.isLoading} showSchool={!own} date={date} />
      {can('online_teaching.manage') && schoolId && <StartForm key={schoolId} schoolId={schoolId} />}
    </Flex>
  );
}

function CoverageCard({ data }: { data: OnlineCoverage }) {
  const { t } = useI18n();
  return (
    <Card size="small" title={t('onlineTeaching.coverageOn', { date: data.date })} data-testid="online-coverage" data-classes={data.totals.classesOnline} data-students={data.totals.studentsCovered}>
      <Flex wrap gap={24} style={{ marginBottom: 12 }}>
        <Statistic title={t('onlineTeaching.schoolsOnline')} value={data.totals.schools} />
        <Statistic title={t('onlineTeaching.classesOnline')} value={data.totals.classesOnline} />
        <Statistic title={t('onlineTeaching.studentsCovered')} value={data.totals.studentsCovered} />
      </Flex>
      <Table
        size="small"
        rowKey="schoolId"
        pagination={false}
        scroll={{ x: 420 }}
        dataSource={data.schools}
        locale={{ emptyText: t('onlineTeaching.noneOnline') }}
        columns={[
          { title: t('onlineTeaching.school'), dataIndex: 'schoolName' },
          { title: t('onlineTeaching.classesOnlineOf'), align: 'right', render: (_, s) => `${s.classesOnline} / ${s.classesTotal}` },
          { title: t('onlineTeaching.studentsCovered'), dataIndex: 'studentsCovered', align: 'right' },
        ]}
      />
    </Card>
  );
}

/** Each period with what it covers; running or coming ones can be ended (back to the classroom from today). */
function PeriodList({ periods, loading, showSchool, date }: { periods: Period[]; loading: boolean; showSchool: boolean; date: string }) {
  const { t } = useI18n();
  const can = useCan();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const m = useOnlineMutations();
  return (
    <Card size="small" title={t('onlineTeaching.periods', { date })}>
      {periods.length === 0 && !loading ? (
        <Empty description={t('onlineTeaching.noPeriods')} />
      ) : (
        <List
          loading={loading}
          dataSource={periods}
          data-testid="online-periods"
          renderItem={(p) => (
            <List.Item
              data-testid="online-period"
              data-scope-type={p.scopeType}
              data-scope-id={p.scopeId}
              data-students={p.students}
              data-active={p.activeOnDate}
              actions={
                can('online_teaching.manage')
                  ? [
                      <Popconfirm key="end" title={t('onlineTeaching.endConfirm')} onConfirm={() => m.end.mutate(p.id, { onSuccess: () => message.success(t('onlineTeaching.ended')), onError: notifyError })}>
                        <Button size="small" danger data-testid="online-end">{t('onlineTeaching.end')}</Button>
                      </Popconfirm>,
                    ]
                  : []
              }
            >
              <Flex vertical gap={2}>
                <Flex wrap gap={6} align="center">
                  {showSchool && <Typography.Text type="secondary">{p.schoolName}</Typography.Text>}
                  <Typography.Text strong data-testid="online-period-scope">{p.scopeName}</Typography.Text>
                  <Tag>{t(`onlineTeaching.scope.${p.scopeType}`)}</Tag>
                  <Tag color={p.activeOnDate ? 'blue' : 'default'}>{p.activeOnDate ? t('onlineTeaching.online') : t('onlineTeaching.upcoming')}</Tag>
                </Flex>
                <Typography.Text>
                  {t('onlineTeaching.period', { from: p.fromDate, to: p.lastDay })} · {t('onlineTeaching.covers', { classes: p.classes, students: p.students })}
                </Typography.Text>
                <Typography.Text type="secondary">
                  {t(`onlineTeaching.triggers.${p.trigger}`)}：{p.reason}
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
