import { Button, Card, Descriptions, Empty, List, Space, Table, Tag, Timeline, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useCan } from '../../shared/auth';
import { formatChinaTime } from '../../shared/china-time';
import { useI18n } from '../../shared/i18n';
import { ErrorAlert } from '../../shared/ui/errors';
import { usePersonRisk } from './api';
import { RiskTag, useReasonText } from './reasons';
import { OverrideModal, TravelModal } from './RiskForms';
import { type RegionOption, useTravelRegions } from './travel-regions';

export interface TravelRecord {
  regionCode: string;
  place: string;
  fromDate: string;
  toDate: string;
  residence: boolean;
  source: string;
}

/**
 * The person's risk colour on their page (一人一档): why, the travel behind it, the history, and the
 * actions the account holds (record a stay, set or clear a manual colour with a reason).
 * Travel records come from the person file's `travel` section, which the page has already loaded.
 */
export function PersonRiskCard({ personId, travel }: { personId: number; travel: TravelRecord[] }) {
  const { t, locale } = useI18n();
  const can = useCan();
  const q = usePersonRisk(personId);
  const reasonText = useReasonText();
  const regions = useTravelRegions();
  const [modal, setModal] = useState<'travel' | 'override' | 'clear' | null>(null);
  const regionName = useMemo(() => {
    const names = new Map<string, string>();
    // Counties read with their city ("郑州市金水区"); cities and the province by themselves.
    const walk = (os: RegionOption[], parent: string) => {
      for (const o of os) {
        names.set(o.value, !parent ? o.label : locale === 'en' ? `${o.label}, ${parent}` : `${parent}${o.label}`);
        if (o.children) walk(o.children, o.value.endsWith('0000') ? '' : o.label);
      }
    };
    walk(regions.data ?? [], '');
    return (code: string) => names.get(code) ?? code;
  }, [regions.data, locale]);
  const r = q.data;

  return (
    <Card
      size="small"
      title={t('risk.personTitle')}
      data-testid="person-risk"
      extra={
        <Space wrap size={4}>
          {can('travel.record') && <Button size="small" onClick={() => setModal('travel')} data-testid="travel-add">{t('risk.travel.add')}</Button>}
          {can('risk.override') && <Button size="small" onClick={() => setModal('override')} data-testid="override-open">{t('risk.override.open')}</Button>}
          {can('risk.override') && r?.override && <Button size="small" danger onClick={() => setModal('clear')} data-testid="override-clear">{t('risk.override.clear')}</Button>}
        </Space>
      }
    >
      <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />
      {r && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Descriptions size="small" column={{ xs: 1, md: 2 }}>
            <Descriptions.Item label={t('risk.status')}>
              <RiskTag status={r.status} testId="person-risk-status" />
              {r.override && <Tag color="purple">{t('risk.overridden')}</Tag>}
            </Descriptions.Item>
            {r.override && <Descriptions.Item label={t('risk.computed')}><RiskTag status={r.computedStatus} /></Descriptions.Item>}
            {r.override && <Descriptions.Item label={t('risk.override.reason')} span={2}><span data-testid="person-risk-override">{r.override.reason}</span></Descriptions.Item>}
          </Descriptions>
          <div data-testid="person-risk-reasons">
            {r.reasons.length === 0 ? (
              <Typography.Text type="secondary">{t('risk.noReasons')}</Typography.Text>
            ) : (
              <List size="small" dataSource={r.reasons} renderItem={(x) => <List.Item><Space><RiskTag status={x.status} />{reasonText(x)}</Space></List.Item>} />
            )}
          </div>
          <Table<TravelRecord>
            size="small"
            pagination={false}
            scroll={{ x: true }}
            rowKey={(x) => `${x.regionCode}-${x.fromDate}-${x.place}`}
            title={() => <Typography.Text strong>{t('risk.travel.history')}</Typography.Text>}
            dataSource={travel}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('risk.travel.none')} /> }}
            data-testid="person-travel"
            columns={[
              { title: t('risk.travel.regionCode'), dataIndex: 'regionCode', render: (v: string) => regionName(v) },
              { title: t('risk.travel.place'), dataIndex: 'place' },
              { title: t('risk.travel.dates'), key: 'dates', render: (_: unknown, x) => `${x.fromDate} ~ ${x.toDate}` },
              { title: t('risk.travel.residence'), dataIndex: 'residence', render: (v: boolean) => (v ? t('common.yes') : t('common.no')) },
            ]}
          />
          {r.history.length > 0 && (
            <div data-testid="person-risk-history">
              <Typography.Text strong>{t('risk.history')}</Typography.Text>
              <Timeline
                style={{ marginTop: 12 }}
                items={r.history.map((h) => ({
                  color: h.status === 'red' ? 'red' : h.status === 'yellow' ? 'gold' : 'green',
                  content: (
                    <Space size={4} wrap>
                      <span>{formatChinaTime(h.at, 'YYYY-MM-DD HH:mm')}</span>
                      {h.previous && <RiskTag status={h.previous} />}→<RiskTag status={h.status} />
                      {h.manual ? <span>{t('risk.manualBy', { by: h.by ?? '—', reason: h.reason ?? '' })}</span> : <span>{h.reasons.map(reasonText).join('；')}</span>}
                    </Space>
                  ),
                }))}
              />
            </div>
          )}
        </Space>
      )}
      <TravelModal personId={personId} open={modal === 'travel'} onClose={() => setModal(null)} />
      <OverrideModal personId={personId} mode={modal === 'clear' ? 'clear' : 'override'} open={modal === 'override' || modal === 'clear'} onClose={() => setModal(null)} />
    </Card>
  );
}
