import { UserAddOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Progress, Row, Skeleton, Space, Table, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useCan } from '../../shared/auth';
import { useI18n } from '../../shared/i18n';
import { ErrorAlert } from '../../shared/ui/errors';
import { type CoverageLevel, useGridCoverage } from './api';
import { AssignModal, type AssignTarget } from './AssignModal';

const MISSING_SHOWN = 200;

function unitLink(level: CoverageLevel, unit: CoverageLevel['missing'][number]) {
  if (level.unitType === 'school') return <Link to={`/schools/${unit.unitKey}`}>{unit.name}</Link>;
  if (level.unitType === 'class' && unit.schoolId) return <Link to={`/schools/${unit.schoolId}/classes/${unit.unitKey}`}>{unit.name}</Link>;
  if (level.unitType === 'grade' && unit.schoolId) return <Link to={`/schools/${unit.schoolId}`}>{unit.name}</Link>;
  return unit.name;
}

/** Grid responsibility coverage: per level, how many units have a responsible person, and which do not. */
export function GridCoveragePage() {
  const { t, tv } = useI18n();
  const can = useCan();
  const coverage = useGridCoverage();
  const [target, setTarget] = useState<AssignTarget | null>(null);
  const mayAssign = can('grid.manage');
  if (coverage.isPending) return <Skeleton active />;
  if (coverage.error) return <ErrorAlert error={coverage.error} onRetry={() => void coverage.refetch()} />;
  const levels = coverage.data;
  const rate = (l: CoverageLevel) => (l.total ? Math.round((l.covered / l.total) * 1000) / 10 : 100);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="grid-coverage">
      <Row gutter={[12, 12]}>
        {levels.map((l) => (
          <Col key={l.unitType} xs={12} md={8} xl={4}>
            <Card size="small" data-testid={`grid-level-${l.unitType}`}>
              <Typography.Text type="secondary">{tv('unitType', l.unitType)}</Typography.Text>
              <Progress percent={rate(l)} size="small" status={l.covered === l.total ? 'success' : 'normal'} />
              <Typography.Text>
                {l.covered} / {l.total}
              </Typography.Text>
            </Card>
          </Col>
        ))}
      </Row>
      <Card title={t('grid.missing')} size="small">
        <Tabs
          defaultActiveKey={levels.find((l) => l.missing.length > 0)?.unitType}
          items={levels.map((l) => ({
            key: l.unitType,
            label: `${tv('unitType', l.unitType)} (${l.total - l.covered})`,
            children:
              l.unitType === 'student' ? (
                <Typography.Text type="secondary">{t('grid.studentsNote')}</Typography.Text>
              ) : l.missing.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('grid.allCovered')} />
              ) : (
                <>
                  {l.total - l.covered > l.missing.length && <Typography.Text type="secondary">{t('grid.moreMissing', { n: MISSING_SHOWN })}</Typography.Text>}
                  <Table
                    rowKey="unitKey"
                    size="small"
                    dataSource={l.missing}
                    pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
                    data-testid={`grid-missing-${l.unitType}`}
                    columns={[
                      { title: t('grid.unit'), key: 'name', render: (_: unknown, u) => unitLink(l, u) },
                      ...(mayAssign
                        ? [
                            {
                              title: t('common.actions'),
                              key: 'assign',
                              width: 140,
                              render: (_: unknown, u: CoverageLevel['missing'][number]) => (
                                <Button size="small" icon={<UserAddOutlined />} onClick={() => setTarget({ unitType: l.unitType, unitKey: u.unitKey, name: u.name })} data-testid="grid-assign">
                                  {t('grid.assign')}
                                </Button>
                              ),
                            },
                          ]
                        : []),
                    ]}
                  />
                </>
              ),
          }))}
        />
      </Card>
      <AssignModal target={target} onClose={() => setTarget(null)} />
    </Space>
  );
}
