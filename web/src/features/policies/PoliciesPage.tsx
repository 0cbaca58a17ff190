import { Card, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../../shared/i18n';
import { ErrorAlert } from '../../shared/ui/errors';
import { type Policy, usePolicies } from './api';
import { usePolicyRegion } from './region';

/** Every disease's policy in force for a region: where it comes from, and the numbers schools feel most. */
export function PoliciesPage() {
  const { t, locale } = useI18n();
  const region = usePolicyRegion();
  const [picked, setPicked] = useState<string>();
  const regionCode = picked ?? region.own;
  const policies = usePolicies(regionCode, region.ready);
  const days = (n: number | undefined) => (n === undefined ? t('policies.notIsolated') : t('policies.days', { n }));
  const rulesName = (p: Policy) => (locale === 'en' ? p.rules.name.en : p.rules.name.zh);

  return (
    <Card
      size="small"
      title={t('policies.title')}
      extra={
        region.options.length > 1 && (
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            style={{ minWidth: 220 }}
            value={regionCode}
            onChange={setPicked}
            options={region.options}
            data-testid="policies-region"
          />
        )
      }
    >
      <Typography.Paragraph type="secondary">{t('policies.intro', { region: region.name(regionCode) ?? t('policies.national') })}</Typography.Paragraph>
      <ErrorAlert error={policies.error} onRetry={() => void policies.refetch()} />
      <Table<Policy>
        size="small"
        rowKey="disease"
        loading={policies.isPending || !region.ready}
        dataSource={policies.data ?? []}
        pagination={false}
        scroll={{ x: true }}
        data-testid="policies-table"
        onRow={(p) => ({ 'data-testid': `policy-row-${p.disease}` }) as object}
        columns={[
          { title: t('policies.disease'), dataIndex: 'disease', render: (_: string, p) => <Link to={`/policies/${p.disease}${picked ? `?regionCode=${picked}` : ''}`}>{rulesName(p)}</Link> },
          {
            title: t('policies.source'),
            key: 'source',
            render: (_: unknown, p) => (
              <Space size={4}>
                {p.regionCode ? <Tag color="blue">{region.name(p.regionCode)}</Tag> : <Tag>{t('policies.national')}</Tag>}
                <span>{t('policies.versionN', { n: p.version })}</span>
              </Space>
            ),
          },
          { title: t('policies.caseIsolation'), key: 'case', render: (_: unknown, p) => days(p.rules.isolation.case?.days) },
          { title: t('policies.contactIsolation'), key: 'contact', render: (_: unknown, p) => days(p.rules.isolation.close_contact?.days) },
          { title: t('policies.fields.returnMinDaysFromOnset'), key: 'return', render: (_: unknown, p) => <span data-testid={`policy-return-${p.disease}`}>{t('policies.days', { n: p.rules.returnMinDaysFromOnset })}</span> },
          { title: t('policies.fields.symptomFreeDays'), key: 'symptomFree', render: (_: unknown, p) => t('policies.days', { n: p.rules.release.symptomFreeDays }) },
        ]}
      />
    </Card>
  );
}
