import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Grid, Input, Select, Space, Table, Tag } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { useI18n } from '../../shared/i18n';
import { ErrorAlert, useNotifyError } from '../../shared/ui/errors';
import { useSchool, useSchools } from '../schools/api';
import { PeopleCards } from './PeopleCards';
import { exportPeople, type PeopleQuery, type PersonRow, usePeople } from './api';

const KINDS = ['student', 'staff', 'co_resident'];
const KEY_POSITIONS = ['security', 'cleaning', 'catering', 'dormitory', 'other'];
const PAGE = 50;

/** Filters live in the address, so a filtered list can be bookmarked and shared. */
function useFilters(): [PeopleQuery & { page: number }, (patch: Partial<PeopleQuery & { page: number }>) => void] {
  const [params, setParams] = useSearchParams();
  const num = (k: string) => (params.get(k) ? Number(params.get(k)) : undefined);
  const filters = {
    schoolId: num('schoolId'),
    classId: num('classId'),
    kind: params.get('kind') ?? undefined,
    keyPosition: params.get('keyPosition') ?? undefined,
    q: params.get('q') ?? undefined,
    page: num('page') ?? 1,
  };
  const update = (patch: Partial<typeof filters>) => {
    const next = { ...filters, page: 1, ...patch };
    const out = new URLSearchParams();
    for (const [k, v] of Object.entries(next)) if (v !== undefined && v !== '' && !(k === 'page' && v === 1)) out.set(k, String(v));
    setParams(out);
  };
  return [filters, update];
}

export function PeopleListPage() {
  const { t, tv } = useI18n();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [filters, update] = useFilters();
  const { page, ...filter } = filters;
  const query: PeopleQuery = { ...filter, limit: PAGE, offset: (page - 1) * PAGE };
  const people = usePeople(query);
  const phone = !(Grid.useBreakpoint().md ?? true);
  const schools = useSchools({ limit: 1000 });
  const school = useSchool(filters.schoolId);
  const schoolOptions = (schools.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }));
  const classOptions = (school.data?.classes ?? []).map((c) => ({ value: c.id, label: `${c.gradeName}${c.name}` }));

  async function onExport() {
    try {
      await exportPeople(filter);
      message.success(t('common.exported'));
    } catch (err) {
      notifyError(err);
    }
  }

  const columns = [
    { title: t('common.name'), dataIndex: 'name', fixed: 'left' as const, render: (v: string, p: PersonRow) => <Link to={`/people/${p.id}`}>{v}</Link> },
    { title: t('person.kind'), dataIndex: 'kind', render: (v: string) => <Tag>{tv('kind', v)}</Tag> },
    { title: t('person.gender'), dataIndex: 'gender', render: (v: string | null) => tv('gender', v) },
    { title: t('person.school'), dataIndex: 'schoolName', responsive: ['lg' as const] },
    {
      title: t('person.placement'),
      key: 'class',
      render: (_: unknown, p: PersonRow) =>
        p.kind === 'staff' ? [tv('staffRole', p.staffRole), p.keyPosition ? `(${tv('keyPosition', p.keyPosition)})` : ''].join(' ') : p.kind === 'co_resident' ? `${p.relation ?? ''}` : p.className,
    },
    { title: t('person.studentNumber'), dataIndex: 'studentNumber', responsive: ['md' as const] },
    { title: t('person.idNumber'), dataIndex: 'idNumberMasked', responsive: ['md' as const] },
    { title: t('person.phone'), dataIndex: 'phoneMasked', responsive: ['md' as const] },
    {
      title: t('person.occupation'),
      dataIndex: 'occupation',
      responsive: ['xl' as const],
      render: (v: string | null, p: PersonRow) => (
        <Space size={4}>
          {v}
          {p.highRiskOccupation && <Tag color="red">{t('person.highRisk')}</Tag>}
        </Space>
      ),
    },
  ];

  return (
    <Card
      title={t('menu.people')}
      extra={
        people.data?.can.export && (
          <Button icon={<DownloadOutlined />} onClick={onExport} data-testid="people-export">
            {t('common.export')}
          </Button>
        )
      }
    >
      <Space wrap style={{ marginBottom: 12 }} data-testid="people-filters">
        {schoolOptions.length > 1 && (
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} placeholder={t('person.school')} style={{ width: 220 }} value={filters.schoolId} options={schoolOptions}
            onChange={(v) => update({ schoolId: v, classId: undefined })} data-testid="people-filter-school" />
        )}
        {classOptions.length > 0 && (
          <Select allowClear placeholder={t('person.className')} style={{ width: 150 }} value={filters.classId} options={classOptions} onChange={(v) => update({ classId: v })} />
        )}
        <Select allowClear placeholder={t('person.filterKind')} style={{ width: 140 }} value={filters.kind} onChange={(v) => update({ kind: v, keyPosition: undefined })}
          options={KINDS.map((k) => ({ value: k, label: tv('kind', k) }))} data-testid="people-filter-kind" />
        {filters.kind === 'staff' && (
          <Select allowClear placeholder={t('person.filterKeyPosition')} style={{ width: 150 }} value={filters.keyPosition} onChange={(v) => update({ keyPosition: v })}
            options={KEY_POSITIONS.map((k) => ({ value: k, label: tv('keyPosition', k) }))} />
        )}
        <Input.Search allowClear defaultValue={filters.q} placeholder={t('person.searchPlaceholder')} onSearch={(v) => update({ q: v || undefined })} style={{ width: 220 }}
          data-testid="people-search" />
      </Space>
      <ErrorAlert error={people.error} onRetry={() => void people.refetch()} />
      {phone ? (
        <PeopleCards items={people.data?.items ?? []} loading={people.isFetching} total={people.data?.total ?? 0} page={page} pageSize={PAGE} onPage={(p) => update({ ...filter, page: p })} />
      ) : (
      <Table<PersonRow>
        data-testid="people-table"
        onRow={() => ({ 'data-testid': 'people-row' }) as React.HTMLAttributes<HTMLElement>}
        rowKey="id"
        size="small"
        loading={people.isFetching}
        dataSource={people.data?.items ?? []}
        columns={columns}
        scroll={{ x: 'max-content' }}
        pagination={{ current: page, pageSize: PAGE, total: people.data?.total ?? 0, showSizeChanger: false, onChange: (p) => update({ ...filter, page: p }), showTotal: (n) => t('common.total', { n }) }}
      />
      )}
    </Card>
  );
}
