import { DownloadOutlined, ImportOutlined, TeamOutlined } from '@ant-design/icons';
import { App, Breadcrumb, Button, Card, Col, Descriptions, Dropdown, Empty, List, Row, Skeleton, Space, Statistic, Table, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { useCan } from '../../shared/auth';
import { useI18n } from '../../shared/i18n';
import { ErrorAlert, useNotifyError } from '../../shared/ui/errors';
import { exportSchoolRoster, type RosterKind } from '../roster/api';
import { type ClassSummary, useSchool } from './api';

/** One school: its data, people counts, grades with classes, dormitories. */
export function SchoolPage() {
  const { t, tv } = useI18n();
  const can = useCan();
  const schoolId = Number(useParams().schoolId);
  const query = useSchool(schoolId);
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const onExport = (kind: RosterKind) =>
    exportSchoolRoster(schoolId, kind).then(() => void message.success(t('common.exported')), notifyError);
  if (query.isPending) return <Skeleton active />;
  if (query.error) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  const { school, grades, classes, dorms, counts } = query.data;
  const byGrade = grades.map((g) => ({ grade: g, classes: classes.filter((c) => c.gradeId === g.id) })).filter((g) => g.classes.length > 0);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Breadcrumb items={[{ title: can('structure.read') ? <Link to={`/structure?region=${school.regionCode}`}>{school.regionName}</Link> : school.regionName }, { title: school.name }]} />
      <Card
        title={<Typography.Title level={4} style={{ margin: 0 }} data-testid="school-name">{school.name}</Typography.Title>}
        extra={
          <Space wrap>
            {can('person.read') && (
              <Link to={`/people?schoolId=${school.id}`}>
                <Button icon={<TeamOutlined />}>{t('school.peopleOfSchool')}</Button>
              </Link>
            )}
            {can('person.export') && (
              <Dropdown
                menu={{
                  items: [
                    { key: 'student', label: t('roster.student') },
                    { key: 'staff', label: t('roster.staff') },
                  ],
                  onClick: ({ key }) => void onExport(key as RosterKind),
                }}
              >
                <Button icon={<DownloadOutlined />} data-testid="school-export-roster">{t('school.exportRoster')}</Button>
              </Dropdown>
            )}
            {query.data.can.importRoster && (
              <Link to={`/roster?schoolId=${school.id}`}>
                <Button type="primary" icon={<ImportOutlined />} data-testid="school-import-roster">{t('school.importRoster')}</Button>
              </Link>
            )}
          </Space>
        }
      >
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label={t('school.code')}>{school.code}</Descriptions.Item>
          <Descriptions.Item label={t('school.type')}>
            {tv('schoolType', school.type)} {school.boarding && <Tag color="blue">{t('school.boarding')}</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label={t('school.region')}>{school.regionName}</Descriptions.Item>
          <Descriptions.Item label={t('school.hospital')}>{school.hospitalName ?? t('common.none')}</Descriptions.Item>
          <Descriptions.Item label={t('school.address')} span={2}>{school.address}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Row gutter={[12, 12]}>
        {[
          { key: 'students', value: counts.students, label: t('home.students') },
          { key: 'staff', value: counts.staff, label: t('home.staff') },
          { key: 'co', value: counts.coResidents, label: t('home.coResidents') },
          { key: 'classes', value: classes.length, label: t('home.classes') },
        ].map((s) => (
          <Col key={s.key} xs={12} md={6}>
            <Card size="small">
              <Statistic title={s.label} value={s.value} />
            </Card>
          </Col>
        ))}
      </Row>
      <Card title={t('school.grades')} size="small" data-testid="school-classes">
        {byGrade.length === 0 ? (
          <Empty />
        ) : (
          <Row gutter={[12, 12]}>
            {byGrade.map(({ grade, classes: list }) => (
              <Col key={grade.id} xs={24} sm={12} xl={8}>
                <Card size="small" type="inner" title={grade.name}>
                  <List<ClassSummary>
                    size="small"
                    dataSource={list}
                    renderItem={(c) => (
                      <List.Item extra={<Typography.Text type="secondary">{t('common.count', { n: c.studentCount })}</Typography.Text>}>
                        <List.Item.Meta
                          title={<Link to={`/schools/${school.id}/classes/${c.id}`}>{grade.name}{c.name}</Link>}
                          description={t('school.teacherIs', { name: c.teacherName ?? t('school.noTeacher') })}
                        />
                      </List.Item>
                    )}
                  />
                </Card>
              </Col>
            ))}
          </Row>
        )}
      </Card>
      {(dorms.length > 0 || school.boarding) && (
        <Card title={t('school.dorms')} size="small">
          <Table
            rowKey="id"
            size="small"
            dataSource={dorms}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            locale={{ emptyText: t('school.noDorms') }}
            columns={[
              { title: t('school.building'), dataIndex: 'building' },
              { title: t('school.room'), dataIndex: 'room' },
              { title: t('school.capacity'), dataIndex: 'capacity', align: 'right' },
              { title: t('school.occupants'), dataIndex: 'occupants', align: 'right' },
            ]}
          />
        </Card>
      )}
    </Space>
  );
}
