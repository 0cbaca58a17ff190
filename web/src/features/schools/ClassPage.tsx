import { DownloadOutlined, ManOutlined, RightOutlined, WomanOutlined } from '@ant-design/icons';
import { App, Avatar, Breadcrumb, Button, Card, Input, List, Space, Statistic, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useI18n } from '../../shared/i18n';
import { ErrorAlert, useNotifyError } from '../../shared/ui/errors';
import { exportPeople, type PersonRow, usePeople } from '../people/api';
import { useSchool } from './api';

/** A class and its students: a plain list, so it reads well on a teacher's phone. */
export function ClassPage() {
  const { t, tv } = useI18n();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const params = useParams();
  const schoolId = Number(params.schoolId);
  const classId = Number(params.classId);
  const [q, setQ] = useState('');
  const school = useSchool(schoolId);
  const people = usePeople({ classId, kind: 'student', q: q || undefined, limit: 500 });
  const cls = school.data?.classes.find((c) => c.id === classId);
  const title = cls ? t('classPage.title', { grade: cls.gradeName, name: cls.name }) : '';

  async function onExport() {
    try {
      await exportPeople({ classId, kind: 'student' });
      message.success(t('common.exported'));
    } catch (err) {
      notifyError(err);
    }
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Breadcrumb
        items={[
          { title: school.data ? <Link to={`/schools/${schoolId}`}>{school.data.school.name}</Link> : '…' },
          { title },
        ]}
      />
      <ErrorAlert error={school.error} />
      <Card size="small">
        <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
          <div>
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="class-title">{title}</Typography.Title>
            {cls && <Typography.Text type="secondary">{t('school.teacherIs', { name: cls.teacherName ?? t('school.noTeacher') })}</Typography.Text>}
          </div>
          <Statistic title={t('home.students')} value={people.data?.total ?? cls?.studentCount ?? 0} />
        </Space>
      </Card>
      <Card
        size="small"
        title={t('classPage.students')}
        extra={people.data?.can.export && <Button size="small" icon={<DownloadOutlined />} onClick={onExport}>{t('common.export')}</Button>}
      >
        <Input.Search allowClear placeholder={t('classPage.searchStudent')} onSearch={setQ} style={{ marginBottom: 8 }} />
        <ErrorAlert error={people.error} onRetry={() => void people.refetch()} />
        <List<PersonRow>
          data-testid="class-students"
          loading={people.isFetching}
          dataSource={people.data?.items ?? []}
          renderItem={(p) => (
            <List.Item data-testid="class-student" extra={<RightOutlined style={{ color: '#bbb' }} />}>
              <List.Item.Meta
                avatar={
                  <Avatar style={{ background: p.gender === 'female' ? '#ff85c0' : '#69b1ff' }} icon={p.gender === 'female' ? <WomanOutlined /> : <ManOutlined />} />
                }
                title={<Link to={`/people/${p.id}`}>{p.name}</Link>}
                description={
                  <Space size={4} wrap style={{ fontSize: 12 }}>
                    <span>{tv('gender', p.gender)}</span>
                    {p.birthDate && <span>· {p.birthDate}</span>}
                    {p.studentNumber && <span>· {p.studentNumber}</span>}
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      </Card>
    </Space>
  );
}
