import { Card, Space, Tag, Typography } from 'antd';
import { useCan, useMe } from '../../shared/auth';
import { useI18n } from '../../shared/i18n';
import { scopeText } from '../../shared/scope';
import { ChildrenSummary, ClassSummary, GridSummary, SchoolSummary, SchoolsSummary } from './summaries';

/** The first page: who you are, what you look after, and the counts of it. */
export function HomePage() {
  const i18n = useI18n();
  const { t, tv } = i18n;
  const me = useMe();
  const can = useCan();
  const s = me.account.scope;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="home">
      <Card size="small">
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {t('home.welcome', { name: me.account.displayName })}
        </Typography.Title>
        <Space wrap>
          <span>
            <Typography.Text type="secondary">{t('home.role')}</Typography.Text> <Tag color="blue">{tv('role', me.account.role)}</Tag>
          </span>
          <span data-testid="home-scope">
            <Typography.Text type="secondary">{t('home.scope')}</Typography.Text> <Tag>{scopeText(me, i18n)}</Tag>
          </span>
        </Space>
      </Card>
      {s.kind === 'class' && s.schoolId && s.classId && <ClassSummary schoolId={s.schoolId} classId={s.classId} />}
      {s.kind === 'school' && s.schoolId && <SchoolSummary schoolId={s.schoolId} />}
      {s.kind === 'children' && can('person.read') && <ChildrenSummary />}
      {(s.kind === 'region' || s.kind === 'all' || s.kind === 'schools') && can('structure.read') && <SchoolsSummary regionCode={s.regionCode} />}
      {can('grid.read') && <GridSummary />}
    </Space>
  );
}
