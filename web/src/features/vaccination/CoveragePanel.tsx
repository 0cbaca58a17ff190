import { useQueries } from '@tanstack/react-query';
import { Card, Collapse, Empty, Flex, List, Statistic, Table, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { useI18n } from '../../shared/i18n';
import { ErrorAlert } from '../../shared/ui/errors';
import type { SchoolSummary } from '../schools/api';
import { type ClassCoverage, fetchCoverage, type Schedule, useCoverage, vaccinationKeys } from './api';
import { FollowUpActions, FollowUpTag, MissingDoses } from './MissingDoses';

/** One school: totals, each class's complete rate, and the students still missing doses with their follow-up. */
export function CoveragePanel({ schoolId, schedule }: { schoolId: number; schedule: Schedule | undefined }) {
  const { t } = useI18n();
  const coverage = useCoverage(schoolId);
  const data = coverage.data;
  return (
    <Flex vertical gap={12}>
      <ErrorAlert error={coverage.error} onRetry={() => void coverage.refetch()} />
      {data && (
        <Card size="small" title={t('vaccination.wholeSchool')} data-testid="vacc-school-coverage" data-checked={data.school.checked} data-complete={data.school.complete} data-rate={data.school.rate}>
          <Flex wrap gap={24}>
            <Statistic title={t('vaccination.students')} value={data.school.students} />
            <Statistic title={t('vaccination.checked')} value={data.school.checked} />
            <Statistic title={t('vaccination.completeCount')} value={data.school.complete} />
            <Statistic title={t('vaccination.rate')} value={data.school.rate} suffix="%" />
          </Flex>
        </Card>
      )}
      {data && (
        <Card size="small" title={t('vaccination.perClass')}>
          <Table<ClassCoverage>
            size="small"
            rowKey="classId"
            pagination={false}
            scroll={{ x: 420 }}
            dataSource={data.classes}
            data-testid="vacc-class-coverage"
            onRow={(r) => ({ 'data-class-id': r.classId, 'data-checked': r.checked, 'data-complete': r.complete }) as HTMLAttributes<HTMLElement>}
            columns={[
              { title: t('vaccination.class'), dataIndex: 'className' },
              { title: t('vaccination.students'), dataIndex: 'students', align: 'right' },
              { title: t('vaccination.checked'), dataIndex: 'checked', align: 'right' },
              { title: t('vaccination.completeCount'), dataIndex: 'complete', align: 'right' },
              { title: t('vaccination.rate'), dataIndex: 'rate', align: 'right', render: (v: number) => `${v}%` },
            ]}
          />
        </Card>
      )}
      {data && (
        <Card size="small" title={`${t('vaccination.missingList')}（${data.missing.length}）`}>
          {data.missing.length === 0 ? (
            <Empty description={t('vaccination.noMissing')} />
          ) : (
            <List
              data-testid="vacc-missing-list"
              dataSource={data.missing}
              renderItem={(s) => (
                <List.Item style={{ display: 'block' }} data-testid="vacc-missing-item" data-person-id={s.personId} data-follow-up={s.followUp}>
                  <Flex wrap gap={8} align="center" style={{ marginBottom: 6 }}>
                    <Typography.Text strong>{s.name}</Typography.Text>
                    <Typography.Text type="secondary">{s.className}</Typography.Text>
                    <FollowUpTag value={s.followUp} />
                  </Flex>
                  <MissingDoses missing={s.missing} schedule={schedule} />
                  {s.followUp !== 'caught_up' && (
                    <Collapse ghost size="small" items={[{ key: 'f', label: t('vaccination.followUp'), children: <FollowUpActions checkId={s.checkId} /> }]} />
                  )}
                </List.Item>
              )}
            />
          )}
        </Card>
      )}
    </Flex>
  );
}

/** A bureau's view: each school in its region with its complete rate, one coverage request per school. */
export function RegionCoverage({ schools, onOpen }: { schools: SchoolSummary[]; onOpen(schoolId: number): void }) {
  const { t } = useI18n();
  // A county has tens of schools; a city or province picks a school instead of loading hundreds.
  const shown = schools.slice(0, 60);
  const results = useQueries({ queries: shown.map((s) => ({ queryKey: vaccinationKeys.coverage(s.id), queryFn: () => fetchCoverage(s.id) })) });
  const rows = shown.map((s, i) => ({ id: s.id, name: s.name, regionName: s.regionName, ...results[i].data?.school, missing: results[i].data?.missing.length, loading: results[i].isLoading }));
  return (
    <Card size="small" title={t('vaccination.perSchool')}>
      {schools.length > shown.length && <Typography.Paragraph type="secondary">{t('vaccination.firstSchools', { n: shown.length, total: schools.length })}</Typography.Paragraph>}
      <Table
        size="small"
        rowKey="id"
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 560 }}
        dataSource={rows}
        data-testid="vacc-region-coverage"
        onRow={(r) => ({ onClick: () => onOpen(r.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('vaccination.schoolName'), dataIndex: 'name' },
          { title: t('vaccination.region'), dataIndex: 'regionName' },
          { title: t('vaccination.students'), dataIndex: 'students', align: 'right' },
          { title: t('vaccination.checked'), dataIndex: 'checked', align: 'right' },
          { title: t('vaccination.rate'), dataIndex: 'rate', align: 'right', render: (v?: number) => (v === undefined ? '…' : `${v}%`) },
          { title: t('vaccination.missingCount'), dataIndex: 'missing', align: 'right' },
        ]}
      />
    </Card>
  );
}
