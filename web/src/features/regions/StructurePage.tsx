import { Card, Col, Empty, Input, Row, Select, Space, Spin, Table, Tag, Tree, Typography } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useI18n } from '../../shared/i18n';
import { ErrorAlert } from '../../shared/ui/errors';
import { type SchoolSummary, useSchools } from '../schools/api';
import { type RegionNode, useRegions } from './api';

const SCHOOL_TYPES = ['kindergarten', 'primary', 'junior', 'senior', 'nine_year', 'twelve_year', 'vocational', 'special'];
const PAGE = 20;

function buildTree(regions: RegionNode[], label: (r: RegionNode) => React.ReactNode): DataNode[] {
  const byParent = new Map<string | null, RegionNode[]>();
  const codes = new Set(regions.map((r) => r.code));
  for (const r of regions) {
    const parent = r.parentCode && codes.has(r.parentCode) ? r.parentCode : null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), r]);
  }
  const walk = (parent: string | null): DataNode[] =>
    (byParent.get(parent) ?? []).map((r) => ({ key: r.code, title: label(r), children: walk(r.code), isLeaf: !byParent.has(r.code) }));
  return walk(null);
}

/** Region tree (left) → schools of the chosen region (right) → school page. */
export function StructurePage() {
  const { t, tv, locale } = useI18n();
  const regions = useRegions();
  const [params, setParams] = useSearchParams();
  const [q, setQ] = useState('');
  const [type, setType] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const list = regions.data ?? [];
  const selected = params.get('region') ?? list.find((r) => !list.some((p) => p.code === r.parentCode))?.code;
  const region = list.find((r) => r.code === selected);
  const regionName = (r: RegionNode) => (locale === 'en' ? r.nameEn || r.name : r.name);
  const tree = useMemo(
    () =>
      buildTree(list, (r) => (
        <span>
          {regionName(r)} <Typography.Text type="secondary">({r.schoolCount})</Typography.Text>
        </span>
      )),
    [list, locale],
  );
  const schools = useSchools({ regionCode: selected, type, q: q || undefined, limit: PAGE, offset: (page - 1) * PAGE }, !!selected);

  const columns = [
    { title: t('school.name'), dataIndex: 'name', render: (name: string, s: SchoolSummary) => <Link to={`/schools/${s.id}`}>{name}</Link> },
    { title: t('school.code'), dataIndex: 'code', responsive: ['md' as const] },
    { title: t('school.type'), dataIndex: 'type', render: (v: string, s: SchoolSummary) => <Space size={4}>{tv('schoolType', v)}{s.boarding && <Tag color="blue">{t('school.boarding')}</Tag>}</Space> },
    { title: t('school.region'), dataIndex: 'regionName', responsive: ['lg' as const] },
    { title: t('school.classCount'), dataIndex: 'classCount', align: 'right' as const },
    { title: t('school.students'), dataIndex: 'studentCount', align: 'right' as const },
  ];

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={7} xl={6}>
        <Card title={t('region.tree')} size="small" data-testid="region-tree">
          <ErrorAlert error={regions.error} onRetry={() => void regions.refetch()} />
          {regions.isPending ? (
            <Spin />
          ) : (
            <Tree
              treeData={tree}
              selectedKeys={selected ? [selected] : []}
              defaultExpandedKeys={list.filter((r) => r.level === 'province' || (r.level === 'city' && r.schoolCount > 0) || r.code === region?.parentCode).map((r) => r.code)}
              onSelect={(keys) => {
                if (keys[0]) {
                  setParams({ region: String(keys[0]) });
                  setPage(1);
                }
              }}
            />
          )}
        </Card>
      </Col>
      <Col xs={24} lg={17} xl={18}>
        <Card
          size="small"
          title={region ? t('region.schoolsIn', { name: regionName(region) }) : t('school.list')}
          extra={region && <Tag>{tv('level', region.level)} · {region.code}</Tag>}
        >
          {!selected ? (
            <Empty description={t('region.pick')} />
          ) : (
            <>
              <Space wrap style={{ marginBottom: 12 }}>
                <Input.Search allowClear placeholder={t('school.searchPlaceholder')} onSearch={(v) => { setQ(v); setPage(1); }} style={{ width: 240 }} data-testid="school-search" />
                <Select allowClear placeholder={t('school.type')} value={type} onChange={(v) => { setType(v); setPage(1); }} style={{ width: 180 }}
                  options={SCHOOL_TYPES.map((v) => ({ value: v, label: tv('schoolType', v) }))} />
              </Space>
              <ErrorAlert error={schools.error} onRetry={() => void schools.refetch()} />
              <Table<SchoolSummary>
                data-testid="schools-table"
                onRow={() => ({ 'data-testid': 'school-row' }) as React.HTMLAttributes<HTMLElement>}
                rowKey="id"
                size="small"
                loading={schools.isFetching}
                dataSource={schools.data?.items ?? []}
                columns={columns}
                scroll={{ x: 'max-content' }}
                pagination={{ current: page, pageSize: PAGE, total: schools.data?.total ?? 0, onChange: setPage, showSizeChanger: false, showTotal: (n) => t('common.total', { n }) }}
              />
            </>
          )}
        </Card>
      </Col>
    </Row>
  );
}
