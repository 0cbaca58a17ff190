import { App, Button, Form, Input, InputNumber } from 'antd';
import { chinaToday } from '../../shared/china-time';
import { useErrorText } from '../../shared/ui/errors';
import { useIsolationMutations } from './api';
import { useIsolationText } from './strings';

/** The daily health check-in of one isolation (the same day again replaces it on the server). */
export function CheckinForm({ isolationId, submitTestId }: { isolationId: number; submitTestId: string }) {
  const { s } = useIsolationText();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const m = useIsolationMutations(isolationId);
  return (
    <Form
      layout="inline"
      style={{ rowGap: 8, marginTop: 12, marginBottom: 12 }}
      initialValues={{ day: chinaToday(), temperature: 36.5 }}
      onFinish={(v: { day: string; temperature?: number; note?: string }) =>
        m.checkin.mutate({ day: v.day, temperature: v.temperature ?? undefined, note: v.note?.trim() || undefined }, { onSuccess: () => void message.success(s.saved), onError: (e) => void message.error(errorText(e)) })
      }
    >
      <Form.Item name="day" label={s.day}>
        <Input type="date" />
      </Form.Item>
      <Form.Item name="temperature" label={s.temperature}>
        <InputNumber min={34} max={43} step={0.1} />
      </Form.Item>
      <Form.Item name="note" label={s.note}>
        <Input maxLength={300} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={m.checkin.isPending} data-testid={submitTestId}>
        {s.checkin}
      </Button>
    </Form>
  );
}
