import { App, Button, Card, Checkbox, Form, Input, Space } from 'antd';
import { useNavigate } from 'react-router';
import { ApiError } from '../../shared/api/client';
import { useMe } from '../../shared/auth';
import { addDays, chinaToday } from '../../shared/china-time';
import { useNotifyError } from '../../shared/ui/errors';
import { useCreateCampaign } from './api';
import { useScreeningText } from './strings';

interface Values {
  name: string;
  population: string[];
  questions: string[];
  travelFrom?: string;
  travelTo?: string;
  deadline: string;
}

const QUESTIONS = ['travel', 'riskAreaResidence', 'occupation', 'symptoms'] as const;

/** A bureau starts a campaign for its own region; schools then hand the parents their links. */
export function NewCampaignForm({ onDone }: { onDone(): void }) {
  const { s, fmt } = useScreeningText();
  const me = useMe();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const create = useCreateCampaign();
  const [form] = Form.useForm<Values>();
  const regionCode = me.account.scope.regionCode;
  if (!regionCode) return null;
  const required = [{ required: true, message: s.required }];
  const submit = (v: Values) =>
    create.mutate(
      {
        regionCode, name: v.name.trim(), population: v.population, deadline: v.deadline,
        questions: { ...Object.fromEntries(QUESTIONS.map((q) => [q, v.questions.includes(q)])), ...(v.travelFrom ? { travelFrom: v.travelFrom } : {}), ...(v.travelTo ? { travelTo: v.travelTo } : {}) } as never,
      },
      {
        onSuccess: (r) => {
          void message.success(s.created);
          onDone();
          navigate(`/screening/${r.id}`);
        },
        onError: (err) => {
          // The server names the field (deadline, questions.travelTo …): show its message under that input.
          const leaf = err instanceof ApiError ? err.field?.split(/[./]/).pop() : undefined;
          if (leaf && ['name', 'deadline', 'travelFrom', 'travelTo', 'population'].includes(leaf)) form.setFields([{ name: leaf as keyof Values, errors: [err.message] }]);
          notifyError(err);
        },
      },
    );
  return (
    <Card size="small" title={fmt(s.createTitle, { region: me.account.scopeLabel })} data-testid="screening-new">
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ population: ['student'], questions: [...QUESTIONS], deadline: addDays(chinaToday(), 3) }}>
        <Form.Item name="name" label={s.name} rules={[...required, { min: 2, max: 80 }]}>
          <Input maxLength={80} data-testid="screening-new-name" />
        </Form.Item>
        <Form.Item name="population" label={s.population} rules={required}>
          <Checkbox.Group options={['student', 'staff', 'co_resident'].map((k) => ({ value: k, label: s.populationKinds[k] }))} />
        </Form.Item>
        <Form.Item name="questions" label={s.questions}>
          <Checkbox.Group options={QUESTIONS.map((k) => ({ value: k, label: s.questionNames[k] }))} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="travelFrom" label={s.travelFrom}>
            <Input type="date" />
          </Form.Item>
          <Form.Item name="travelTo" label={s.travelTo}>
            <Input type="date" />
          </Form.Item>
          <Form.Item name="deadline" label={s.deadline} rules={required}>
            <Input type="date" data-testid="screening-new-deadline" />
          </Form.Item>
        </Space>
        <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="screening-new-submit">
          {s.create}
        </Button>
      </Form>
    </Card>
  );
}
