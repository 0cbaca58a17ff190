import { Card, Col, Progress, Row, Segmented, Space, Statistic, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useCan } from '../../shared/auth';
import { ErrorAlert } from '../../shared/ui/errors';
import { type CoverageRow, useCoverage, useSummary } from './api';
import { ParentLinks } from './ParentLinks';
import { useScreeningText } from './strings';
import { useI18n } from '../../shared/i18n';
import { colon } from '../../shared/i18n/punctuation';

/** One campaign: the summary figures, then coverage by county, school, or the classes of one school. */
/** A few answers among thousands round to 0.0, which reads as "nobody": say "<0.1" instead. */
const tinyShare = (answered: number, percent: number) => (answered > 0 && percent === 0 ? '<0.1' : undefined);

export function CampaignPage() {
  const { s, fmt } = useScreeningText();
  const { locale } = useI18n();
  const id = Number(useParams().id);
  const [level, setLevel] = useState<'region' | 'school' | 'class'>('school');
  const [school, setSchool] = useState<{ id: number; name: string } | null>(null);
  const can = useCan();
  const summary = useSummary(id);
  const coverage = useCoverage(id, level, level === 'class' ? school?.id : undefined);
  const x = summary.data;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Link to="/screening">← {s.back}</Link>
      <Card size="small" title={x?.campaign.name} loading={summary.isPending} data-testid="screening-summary">
        <ErrorAlert error={summary.error} onRetry={() => void summary.refetch()} />
        {x && (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Row gutter={[12, 12]}>
              <Col xs={12} md={6}><Statistic title={s.population} value={x.population} data-testid="screening-population" /></Col>
              <Col xs={12} md={6}><Statistic title={s.answered} value={x.answered} data-testid="screening-answered" /></Col>
              <Col xs={12} md={6}><Statistic title={s.percent} value={tinyShare(x.answered, x.percent) ?? x.percent} precision={1} suffix="%" data-testid="screening-percent" /></Col>
              <Col xs={12} md={6}><Statistic title={s.returned} value={x.returned} /></Col>
              <Col xs={12} md={6}><Statistic title={s.riskArea} value={x.riskArea} valueStyle={x.riskArea ? { color: '#cf1322' } : undefined} /></Col>
              <Col xs={12} md={6}><Statistic title={s.symptoms} value={x.symptoms} valueStyle={x.symptoms ? { color: '#cf1322' } : undefined} /></Col>
              <Col xs={12} md={6}><Statistic title={s.highRisk} value={x.highRiskOccupations} /></Col>
              <Col xs={12} md={6}><Statistic title={s.withProposals} value={x.withProposals} /></Col>
            </Row>
            {x.fromRegions.length > 0 && (
              <div>
                {s.fromRegions}
                {colon(locale)}
                {x.fromRegions.map((r) => (
                  <Tag key={r.regionCode}>
                    {r.name} {r.count}
                  </Tag>
                ))}
              </div>
            )}
          </Space>
        )}
      </Card>
      <Card
        size="small"
        title={level === 'class' && school ? fmt(s.bySchool, { name: school.name }) : s.coverage}
        extra={<Segmented size="small" value={level} onChange={(v) => setLevel(v as 'region' | 'school' | 'class')} options={(['region', 'school', ...(school ? ['class'] : [])] as const).map((l) => ({ value: l, label: s.levels[l] }))} />}
      >
        <ErrorAlert error={coverage.error} onRetry={() => void coverage.refetch()} />
        <Table
          size="small"
          rowKey="key"
          loading={coverage.isPending}
          dataSource={coverage.data?.items ?? []}
          data-testid="screening-coverage"
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          columns={[
            {
              title: s.unit,
              dataIndex: 'name',
              render: (v: string, r: CoverageRow) =>
                level === 'school' && r.schoolId ? (
                  <a
                    onClick={() => {
                      setSchool({ id: r.schoolId as number, name: v });
                      setLevel('class');
                    }}
                  >
                    {v}
                  </a>
                ) : (
                  v
                ),
            },
            { title: s.population, dataIndex: 'population' },
            { title: s.answered, dataIndex: 'answered' },
            { title: s.percent, dataIndex: 'percent', render: (p: number, r: CoverageRow) => <Progress percent={p} format={() => `${tinyShare(r.answered, p) ?? p}%`} size="small" style={{ width: 160 }} /> },
          ]}
        />
      </Card>
      {can('screening.links') && x?.campaign.status === 'open' && <ParentLinks campaignId={id} />}
    </Space>
  );
}
