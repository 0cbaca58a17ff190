import { App, Button, Card, DatePicker, Form, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useMe } from '../../shared/auth';
import { chinaToday } from '../../shared/china-time';
import { ErrorAlert, useNotifyError } from '../../shared/ui/errors';
import { useSchools } from '../schools/api';
import { useText } from '../governance-dashboard/text';
import { useInspectionMutations, useInspections } from './api';
import { INSPECTION_TEXT } from './text';
import { useI18n } from '../../shared/i18n';
import { joinList } from '../../shared/i18n/punctuation';

export function InspectionsPage() {
  const x = useText(INSPECTION_TEXT);
  const { locale } = useI18n();
  const me = useMe();
  const nav = useNavigate();
  const [params] = useSearchParams();
  const notifyError = useNotifyError();
  const { message } = App.useApp();
  const q = useInspections({ regionCode: params.get('regionCode') ?? undefined, status: params.get('status') ?? undefined, from: params.get('from') ?? undefined, to: params.get('to') ?? undefined });
  const schools = useSchools({ limit: 1000 }, !!q.data?.can.create);
  const m = useInspectionMutations();
  const [form] = Form.useForm();
  const bureau = !!q.data?.can.planBureauInspections;

  async function onCreate() {
    const v = await form.validateFields();
    m.create.mutate({ schoolId: v.schoolId, level: v.level, method: v.method, scheduledOn: v.scheduledOn.format('YYYY-MM-DD'), inspectorIds: [me.account.id] }, {
      onSuccess: (r) => { message.success(x.create); void nav(`/inspections/${r.id}`); },
      onError: notifyError,
    });
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>{x.title}</Typography.Title>
      {q.data?.can.create && (
        <Card size="small" title={x.create}>
          <Form form={form} layout="inline" initialValues={{ level: bureau ? 'county' : 'school', method: bureau ? 'covert' : 'directed', scheduledOn: dayjs(chinaToday()) }} data-testid="inspection-form">
            <Form.Item name="schoolId" label={x.school} rules={[{ required: true }]}>
              <Select showSearch optionFilterProp="label" style={{ width: 220 }} options={(schools.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))} data-testid="inspection-school" />
            </Form.Item>
            <Form.Item name="level" label={x.level}><Select style={{ width: 100 }} options={Object.entries(x.levels).filter(([k]) => bureau || k === 'school').map(([value, label]) => ({ value, label }))} /></Form.Item>
            <Form.Item name="method" label={x.method}><Select style={{ width: 140 }} options={Object.entries(x.methods).filter(([k]) => bureau || k !== 'covert').map(([value, label]) => ({ value, label }))} data-testid="inspection-method" /></Form.Item>
            <Form.Item name="scheduledOn" label={x.scheduledOn}><DatePicker allowClear={false} /></Form.Item>
            <Button type="primary" onClick={onCreate} loading={m.create.isPending} data-testid="inspection-create">{x.create}</Button>
          </Form>
        </Card>
      )}
      <ErrorAlert error={q.error} />
      <Table
        rowKey="id"
        size="small"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        scroll={{ x: true }}
        data-testid="inspections-table"
        columns={[
          { title: x.school, render: (_, r) => <Link to={`/inspections/${r.id}`} data-testid="inspection-link">{r.schoolName}</Link> },
          { title: x.method, render: (_, r) => <Tag color={r.method === 'covert' ? 'purple' : undefined}>{x.methods[r.method]}</Tag> },
          { title: x.level, render: (_, r) => x.levels[r.level] },
          { title: x.scheduledOn, dataIndex: 'scheduledOn' },
          { title: x.status, render: (_, r) => x.statuses[r.status] },
          { title: x.score, render: (_, r) => (r.score === null ? '—' : r.score.toFixed(1)) },
          { title: x.inspectors, render: (_, r) => joinList(locale, r.inspectors.map((i) => i.name)) },
        ]}
      />
    </Space>
  );
}
