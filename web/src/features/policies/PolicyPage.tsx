import { EditOutlined } from '@ant-design/icons';
import { Breadcrumb, Button, Card, Descriptions, Empty, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useCan } from '../../shared/auth';
import { formatChinaTime } from '../../shared/china-time';
import { type MessageKey, useI18n } from '../../shared/i18n';
import { ErrorAlert } from '../../shared/ui/errors';
import { ISOLATION_ROLES, type PolicyRules, type PolicyVersion, usePolicy } from './api';
import { PolicyForm } from './PolicyForm';
import { usePolicyRegion } from './region';

const COLOUR: Record<string, string> = { red: 'red', yellow: 'gold', green: 'green' };

/** One disease's policy in force for a region, its version history (who changed it, when, why), and the edit form. */
export function PolicyPage() {
  const { t, locale } = useI18n();
  const can = useCan();
  const disease = useParams().disease ?? '';
  const [search] = useSearchParams();
  const region = usePolicyRegion();
  const regionCode = search.get('regionCode') ?? region.own;
  const q = usePolicy(disease, regionCode, region.ready);
  const [editing, setEditing] = useState(false);
  if (q.error) return <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data || !region.ready) return <Skeleton active />;
  const { current, versions } = q.data;
  const r: PolicyRules = current.rules;
  const yes = (b: boolean) => (b ? t('common.yes') : t('common.no'));
  const days = (n: number) => t('policies.days', { n });
  const colour = (c: string) => <Tag color={COLOUR[c]}>{t(`risk.colours.${c}` as MessageKey)}</Tag>;
  const canEdit = can('policy.manage') && region.editable(regionCode);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Breadcrumb items={[{ title: <Link to="/policies">{t('policies.title')}</Link> }, { title: locale === 'en' ? r.name.en : r.name.zh }]} />
      <Card
        size="small"
        title={
          <Space wrap>
            <span data-testid="policy-name">{locale === 'en' ? r.name.en : r.name.zh}</span>
            {current.regionCode ? <Tag color="blue">{region.name(current.regionCode)}</Tag> : <Tag>{t('policies.national')}</Tag>}
            <Tag data-testid="policy-version">{t('policies.versionN', { n: current.version })}</Tag>
          </Space>
        }
        extra={canEdit && !editing && <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="policy-edit">{t('policies.edit')}</Button>}
      >
        {editing && regionCode ? (
          <PolicyForm policy={current} regionCode={regionCode} regionName={region.name(regionCode) ?? regionCode} onDone={() => setEditing(false)} />
        ) : (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} title={t('policies.returnTitle')} data-testid="policy-return">
              <Descriptions.Item label={t('policies.fields.returnMinDaysFromOnset')}><span data-testid="policy-return-days">{days(r.returnMinDaysFromOnset)}</span></Descriptions.Item>
              <Descriptions.Item label={t('policies.fields.symptomFreeDays')}>{days(r.release.symptomFreeDays)}</Descriptions.Item>
              <Descriptions.Item label={t('policies.fields.periodComplete')}>{yes(r.release.periodComplete)}</Descriptions.Item>
              <Descriptions.Item label={t('policies.fields.allTestsNegative')}>{yes(r.release.allTestsNegative)}</Descriptions.Item>
            </Descriptions>
            <Table
              size="small"
              pagination={false}
              title={() => <Typography.Text strong>{t('policies.isolationTitle')}</Typography.Text>}
              rowKey="role"
              scroll={{ x: true }}
              dataSource={ISOLATION_ROLES.map((role) => ({ role, rule: r.isolation[role] }))}
              columns={[
                { title: t('policies.role'), dataIndex: 'role', render: (role: string) => t(`policies.roles.${role}` as MessageKey) },
                { title: t('policies.fields.kind'), key: 'kind', render: (_: unknown, x) => (x.rule ? t(`policies.kinds.${x.rule.kind}` as MessageKey) : t('policies.notIsolated')) },
                { title: t('policies.fields.days'), key: 'days', render: (_: unknown, x) => (x.rule ? days(x.rule.days) : '—') },
                { title: t('policies.fields.monitoringDays'), key: 'monitoring', render: (_: unknown, x) => (x.rule ? days(x.rule.monitoringDays) : '—') },
                { title: t('policies.fields.testDays'), key: 'tests', render: (_: unknown, x) => (x.rule?.testDays.length ? x.rule.testDays.join('、') : '—') },
              ]}
            />
            <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} title={t('policies.contactsTitle')}>
              <Descriptions.Item label={t('policies.fields.via')} span={2}>{r.contacts.via.map((v) => t(`policies.vias.${v}` as MessageKey)).join('、') || '—'}</Descriptions.Item>
              <Descriptions.Item label={t('policies.fields.lookbackDays')}>{days(r.contacts.lookbackDays)}</Descriptions.Item>
              <Descriptions.Item label={t('policies.fields.status')}>{colour(r.contacts.status)} {t('policies.forDays', { n: r.contacts.statusDays })}</Descriptions.Item>
            </Descriptions>
            <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} title={t('policies.travelTitle')}>
              <Descriptions.Item label={t('policies.fields.lockdownStatus')}>{colour(r.riskAreaTravel.lockdownStatus)}</Descriptions.Item>
              <Descriptions.Item label={t('policies.fields.controlledStatus')}>{colour(r.riskAreaTravel.controlledStatus)}</Descriptions.Item>
              <Descriptions.Item label={t('policies.fields.travelLookbackDays')}>{days(r.riskAreaTravel.lookbackDays)}</Descriptions.Item>
              <Descriptions.Item label={t('policies.fields.keyPositionsPerWeek')}>{r.testing.keyPositionsPerWeek}</Descriptions.Item>
            </Descriptions>
          </Space>
        )}
      </Card>
      <Card size="small" title={t('policies.history')}>
        <Table<PolicyVersion>
          size="small"
          rowKey="id"
          pagination={false}
          scroll={{ x: true }}
          dataSource={versions}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
          data-testid="policy-versions"
          columns={[
            { title: t('policies.source'), key: 'region', render: (_: unknown, v) => v.regionName ?? t('policies.national') },
            { title: t('policies.version'), dataIndex: 'version', render: (n: number) => t('policies.versionN', { n }) },
            { title: t('policies.changedAt'), dataIndex: 'createdAt', render: (v: string) => formatChinaTime(v, 'YYYY-MM-DD HH:mm') },
            { title: t('policies.changedBy'), dataIndex: 'createdBy', render: (v: string | null) => v ?? t('policies.shipped') },
            { title: t('policies.fields.note'), dataIndex: 'note', render: (v: string) => (v === 'shipped profile' ? t('policies.shippedNote') : v) },
          ]}
        />
      </Card>
    </Space>
  );
}
