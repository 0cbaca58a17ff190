import { Card, Empty, Flex, Table, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useCan } from '../../shared/auth';
import { useI18n } from '../../shared/i18n';
import { ErrorAlert } from '../../shared/ui/errors';
import { type Schedule, useSchedule, type VaccineSpec } from './api';
import { CheckPanel } from './CheckPanel';
import { CoveragePanel, RegionCoverage } from './CoveragePanel';
import { useSchoolSelect } from './SchoolSelect';

/**
 * 疫苗接种查验: the school doctor records certificate checks and follows up missing doses; a bureau
 * officer sees each school's coverage in the region and opens one school for its classes and students.
 */
export function VaccinationPage() {
  const { t } = useI18n();
  const can = useCan();
  const schedule = useSchedule();
  const { schoolId, picker, own, schools } = useSchoolSelect(t('vaccination.chooseSchool'), 'vacc-school');
  const [opened, setOpened] = useState<number | undefined>(undefined);
  const school = schoolId ?? opened;
  const [tab, setTab] = useState<string>(can('vaccination.write') && own ? 'check' : 'coverage');

  const items = [
    ...(can('vaccination.write') && own && schedule.data && school
      ? [{ key: 'check', label: t('vaccination.tabCheck'), children: <CheckPanel schoolId={school} schedule={schedule.data} /> }]
      : []),
    {
      key: 'coverage',
      label: t('vaccination.tabCoverage'),
      children: school ? <CoveragePanel schoolId={school} schedule={schedule.data} /> : <RegionCoverage schools={schools} onOpen={setOpened} />,
    },
    { key: 'schedule', label: t('vaccination.tabSchedule'), children: schedule.data ? <ScheduleTable schedule={schedule.data} /> : null },
  ];

  return (
    <Flex vertical gap={12} style={{ maxWidth: 960 }} data-testid="vaccination-page">
      <Flex wrap gap={8} justify="space-between" align="center">
        <Typography.Title level={4} style={{ margin: 0 }}>{t('vaccination.title')}</Typography.Title>
        {picker}
      </Flex>
      {!own && opened && !schoolId && (
        <Typography.Link onClick={() => setOpened(undefined)} data-testid="vacc-back-region">{t('vaccination.backToRegion')}</Typography.Link>
      )}
      <ErrorAlert error={schedule.error} onRetry={() => void schedule.refetch()} />
      {!own && schools.length === 0 && !schedule.isLoading && <Empty description={t('vaccination.noSchools')} />}
      <Tabs activeKey={items.some((i) => i.key === tab) ? tab : 'coverage'} onChange={setTab} items={items} />
    </Flex>
  );
}

/** The national schedule as shipped (reference data with its source), one row per vaccine. */
function ScheduleTable({ schedule }: { schedule: Schedule }) {
  const { t, locale } = useI18n();
  return (
    <Card size="small" title={locale === 'en' ? schedule.nameEn : schedule.name} data-testid="vacc-schedule">
      <Table<VaccineSpec>
        size="small"
        rowKey="code"
        pagination={false}
        scroll={{ x: 420 }}
        dataSource={schedule.vaccines}
        columns={[
          { title: t('vaccination.vaccine'), render: (_, v) => (locale === 'en' ? v.nameEn : v.nameZh) },
          { title: t('vaccination.doseCount'), align: 'right', render: (_, v) => v.doses.length },
          {
            title: t('vaccination.doseAges'),
            render: (_, v) => (
              <>
                {v.doses.map((m) => t('vaccination.months', { n: m })).join('、')}
                {v.alternative && (
                  <Typography.Text type="secondary">
                    {' '}
                    （{t('vaccination.alternative', { name: v.alternative.nameZh, n: v.alternative.doses.length })}）
                  </Typography.Text>
                )}
              </>
            ),
          },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, fontSize: 12 }}>
        {t('vaccination.source')}：{schedule.source}
      </Typography.Paragraph>
    </Card>
  );
}
