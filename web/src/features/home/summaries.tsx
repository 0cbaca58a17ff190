import { RightOutlined, TeamOutlined } from '@ant-design/icons';
import { Button, Card, Col, List, Progress, Row, Statistic } from 'antd';
import { Link } from 'react-router';
import { useCan } from '../../shared/auth';
import { useI18n } from '../../shared/i18n';
import { ErrorAlert } from '../../shared/ui/errors';
import { useAccounts } from '../accounts/api';
import { useGridCoverage } from '../grid/api';
import { usePeople } from '../people/api';
import { useSchool, useSchools } from '../schools/api';

export function Stat({ title, value, to, testId }: { title: string; value: number | string | undefined; to?: string; testId?: string }) {
  const body = (
    <Card size="small" hoverable={!!to} data-testid={testId}>
      <Statistic title={title} value={value ?? '—'} />
    </Card>
  );
  return (
    <Col xs={12} md={8} xl={6}>
      {to ? <Link to={to}>{body}</Link> : body}
    </Col>
  );
}

/** Bureaus, the administrator, hospital liaisons: the schools they see and how many pupils. */
export function SchoolsSummary({ regionCode }: { regionCode?: string }) {
  const { t } = useI18n();
  const can = useCan();
  const schools = useSchools({ regionCode, limit: 1000 });
  const items = schools.data?.items ?? [];
  const complete = schools.data && items.length === schools.data.total;
  const sum = (f: (s: (typeof items)[number]) => number) => (complete ? items.reduce((a, s) => a + f(s), 0) : undefined);
  const accounts = useAccounts({ limit: 1 }, can('account.read'));
  return (
    <>
      <ErrorAlert error={schools.error} />
      <Row gutter={[12, 12]}>
        <Stat title={t('home.schools')} value={schools.data?.total} to={can('structure.read') ? '/structure' : undefined} testId="home-schools" />
        {complete && <Stat title={t('home.classes')} value={sum((s) => s.classCount)} />}
        {complete && <Stat title={t('home.students')} value={sum((s) => s.studentCount)} to={can('person.read') ? '/people?kind=student' : undefined} testId="home-students" />}
        {can('account.read') && <Stat title={t('home.accounts')} value={accounts.data?.total} to="/accounts" />}
      </Row>
    </>
  );
}

/** A school account: the school's people at a glance. */
export function SchoolSummary({ schoolId }: { schoolId: number }) {
  const { t } = useI18n();
  const school = useSchool(schoolId);
  const c = school.data?.counts;
  return (
    <>
      <ErrorAlert error={school.error} />
      <Row gutter={[12, 12]}>
        <Stat title={t('home.students')} value={c?.students} to={`/people?schoolId=${schoolId}&kind=student`} testId="home-students" />
        <Stat title={t('home.staff')} value={c?.staff} to={`/people?schoolId=${schoolId}&kind=staff`} />
        <Stat title={t('home.coResidents')} value={c?.coResidents} to={`/people?schoolId=${schoolId}&kind=co_resident`} />
        <Stat title={t('home.classes')} value={school.data?.classes.length} to={`/schools/${schoolId}`} />
      </Row>
    </>
  );
}

/** A class teacher: one big way into the class (phone first). */
export function ClassSummary({ schoolId, classId }: { schoolId: number; classId: number }) {
  const { t } = useI18n();
  const school = useSchool(schoolId);
  const cls = school.data?.classes.find((c) => c.id === classId);
  return (
    <Card size="small" data-testid="home-class">
      <Row gutter={[12, 12]} align="middle">
        <Col xs={12}>
          <Statistic title={cls ? `${cls.gradeName}${cls.name}` : t('menu.myClass')} value={cls?.studentCount ?? '—'} suffix={t('home.students')} />
        </Col>
        <Col xs={12} style={{ textAlign: 'right' }}>
          <Link to={`/schools/${schoolId}/classes/${classId}`}>
            <Button type="primary" size="large" icon={<TeamOutlined />}>
              {t('home.openClass')}
            </Button>
          </Link>
        </Col>
      </Row>
    </Card>
  );
}

/** A parent: their own children. */
export function ChildrenSummary() {
  const { t } = useI18n();
  const children = usePeople({ kind: 'student', limit: 20 });
  return (
    <Card size="small" title={t('home.myChildren')}>
      <ErrorAlert error={children.error} />
      <List
        loading={children.isPending}
        dataSource={children.data?.items ?? []}
        renderItem={(p) => (
          <List.Item extra={<RightOutlined />}>
            <List.Item.Meta title={<Link to={`/people/${p.id}`}>{p.name}</Link>} description={`${p.schoolName} ${p.className ?? ''}`} />
          </List.Item>
        )}
      />
    </Card>
  );
}

/** Grid responsibility coverage per level, for those who hold grid.read. */
export function GridSummary() {
  const { t, tv } = useI18n();
  const coverage = useGridCoverage();
  if (!coverage.data) return null;
  return (
    <Card size="small" title={<Link to="/grid">{t('home.gridCoverage')}</Link>}>
      <Row gutter={[12, 12]}>
        {coverage.data.map((l) => (
          <Col key={l.unitType} xs={12} md={8} xl={4}>
            <div>{tv('unitType', l.unitType)}</div>
            <Progress percent={l.total ? Math.round((l.covered / l.total) * 100) : 100} size="small" />
            <small>
              {l.covered} / {l.total}
            </small>
          </Col>
        ))}
      </Row>
    </Card>
  );
}
