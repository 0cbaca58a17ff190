import { useQueries } from '@tanstack/react-query';
import { Card, Empty, Flex, Table, Tag, Typography } from 'antd';
import { type HTMLAttributes, useState } from 'react';
import { useCan, useMe } from '../../shared/auth';
import { useI18n } from '../../shared/i18n';
import { ErrorAlert } from '../../shared/ui/errors';
import { type RegionNode, useRegions } from '../regions/api';
import { fetchFooting, footingKeys, type FootingTarget, useFooting } from './api';
import { FootingDetail } from './FootingDetail';
import { ModeTag } from './ModeTag';
import { SettingsForm } from './SettingsForm';

/**
 * 应急状态 (平战转换): a bureau officer sees the footing of its region and the regions just below,
 * decides proposed switches, switches with a reason and sets what emergency tightens; a school sees
 * the footing it runs under (and its administrator may switch the school itself).
 */
export function FootingPage() {
  const { t } = useI18n();
  const me = useMe();
  const scope = me.account.scope;
  const schoolId = scope.schoolId;
  const regions = useRegions();
  const own = scope.regionCode ?? regions.data?.find((r) => !regions.data?.some((p) => p.code === r.parentCode))?.code;
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const regionCode = chosen ?? own;
  const target: FootingTarget | null = schoolId ? { schoolId } : regionCode ? { regionCode } : null;

  return (
    <Flex vertical gap={12} style={{ maxWidth: 960 }} data-testid="footing-page">
      <Typography.Title level={4} style={{ margin: 0 }}>{t('footing.title')}</Typography.Title>
      <Typography.Text type="secondary">{t('footing.intro')}</Typography.Text>
      {!schoolId && <ErrorAlert error={regions.error} />}
      {!schoolId && own && regions.data && <RegionOverview regions={regions.data} own={own} selected={regionCode} onSelect={setChosen} />}
      {target ? <FootingDetail target={target} label={schoolId ? me.account.scopeLabel : (regions.data?.find((r) => r.code === regionCode)?.name ?? regionCode ?? '')} /> : <Empty />}
      {!schoolId && regionCode && <RegionSettings regionCode={regionCode} />}
    </Flex>
  );
}

/** The account's own region and the regions directly below it, each with its footing; a row opens that region. */
function RegionOverview({ regions, own, selected, onSelect }: { regions: RegionNode[]; own: string; selected?: string; onSelect(code: string): void }) {
  const { t, locale } = useI18n();
  const rows = regions.filter((r) => r.code === own || r.parentCode === own);
  const results = useQueries({ queries: rows.map((r) => ({ queryKey: footingKeys.one({ regionCode: r.code }), queryFn: () => fetchFooting({ regionCode: r.code }) })) });
  const data = rows.map((r, i) => ({ ...r, view: results[i].data, error: results[i].error }));
  return (
    <Card size="small" title={t('footing.overview')}>
      <Table
        size="small"
        rowKey="code"
        pagination={false}
        scroll={{ x: 480 }}
        dataSource={data}
        data-testid="footing-overview"
        rowClassName={(r) => (r.code === selected ? 'ant-table-row-selected' : '')}
        onRow={(r) => ({ onClick: () => onSelect(r.code), style: { cursor: 'pointer' }, 'data-region': r.code }) as HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('footing.region'), render: (_, r) => (locale === 'en' && r.nameEn ? r.nameEn : r.name) },
          { title: t('footing.schools'), dataIndex: 'schoolCount', align: 'right' },
          { title: t('footing.current'), render: (_, r) => (r.view ? <ModeTag mode={r.view.mode} testId="footing-overview-mode" /> : r.error ? '!' : '…') },
          { title: t('footing.pending'), align: 'right', render: (_, r) => (r.view?.proposals.length ? <Tag color="orange">{r.view.proposals.length}</Tag> : 0) },
        ]}
      />
    </Card>
  );
}

function RegionSettings({ regionCode }: { regionCode: string }) {
  const can = useCan();
  const view = useFooting({ regionCode });
  if (!can('footing.configure') || !view.data || view.data.scopeType !== 'region') return null;
  return <SettingsForm key={regionCode} regionCode={regionCode} view={view.data} />;
}
