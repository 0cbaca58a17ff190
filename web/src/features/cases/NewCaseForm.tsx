import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Select, Space } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiError, get, post } from '../../shared/api/client';
import { chinaToday } from '../../shared/china-time';
import { useI18n } from '../../shared/i18n';
import { useNotifyError } from '../../shared/ui/errors';
import { caseKeys } from './api';
import { useCaseText } from './strings';

interface Values {
  personId: number;
  disease: string;
  status: 'suspected' | 'confirmed';
  onsetDate?: string;
  foundBy: string;
  note?: string;
}
interface PersonHit {
  id: number;
  name: string;
  className: string | null;
  studentNumber: string | null;
  schoolName: string;
}

/** The diseases with a policy (README: disease policies), so a recorded case always finds its rules. */
const DISEASES = ['covid19', 'influenza', 'norovirus', 'varicella', 'mumps', 'hfmd', 'measles', 'tuberculosis'];
const FOUND_BY = ['check', 'alert', 'test', 'hospital', 'contact', 'other'];

/** The school doctor records a case found at a check, a test or a hospital's report; contacts follow on the case page. */
export function NewCaseForm({ onClose }: { onClose(): void }) {
  const { c } = useCaseText();
  const { t, tv } = useI18n();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [search, setSearch] = useState('');
  // One key per opened form: a double tap or a retry after a lost reply finds the same case.
  const [idempotencyKey] = useState(() => `case-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`);
  const people = useQuery({
    queryKey: ['people', 'case-search', search],
    queryFn: () => get<{ items: PersonHit[] }>('/api/people', { q: search, limit: 20 }),
    enabled: search.trim().length > 0,
    placeholderData: keepPreviousData,
  });
  const create = useMutation({ mutationFn: (b: Values & { idempotencyKey: string }) => post<{ id: number }>('/api/cases', b), onSuccess: () => void qc.invalidateQueries({ queryKey: caseKeys.all }) });
  const required = [{ required: true, message: c.required }];
  const submit = (v: Values) =>
    create.mutate(
      { ...v, onsetDate: v.onsetDate || undefined, note: v.note?.trim() || undefined, idempotencyKey },
      {
        onSuccess: (r) => {
          void message.success(c.recorded);
          onClose();
          navigate(`/cases/${r.id}`);
        },
        onError: (err) => {
          const field = err instanceof ApiError ? err.field : undefined;
          if (field && ['personId', 'disease', 'onsetDate', 'note'].includes(field)) form.setFields([{ name: field as keyof Values, errors: [err.message] }]);
          notifyError(err);
        },
      },
    );
  return (
    <Card size="small" title={c.recordTitle} data-testid="case-new" extra={<Button size="small" onClick={onClose}>{t('common.cancel')}</Button>}>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ disease: 'covid19', status: 'confirmed', foundBy: 'check', onsetDate: chinaToday() }}>
        <Form.Item name="personId" label={c.person} rules={required}>
          <Select
            showSearch
            filterOption={false}
            onSearch={setSearch}
            placeholder={c.personSearch}
            loading={people.isFetching}
            options={(people.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.name} · ${p.className ?? p.schoolName}${p.studentNumber ? ` · ${p.studentNumber}` : ''}` }))}
            data-testid="case-new-person"
          />
        </Form.Item>
        <Space wrap align="start">
          <Form.Item name="disease" label={c.disease} rules={required}>
            <Select style={{ width: 200 }} options={DISEASES.map((d) => ({ value: d, label: tv('disease', d) }))} />
          </Form.Item>
          <Form.Item name="status" label={c.status} rules={required}>
            <Select style={{ width: 120 }} options={(['confirmed', 'suspected'] as const).map((s) => ({ value: s, label: c.statuses[s] }))} />
          </Form.Item>
          <Form.Item name="onsetDate" label={c.onset}>
            <Input type="date" />
          </Form.Item>
          <Form.Item name="foundBy" label={c.foundBy} rules={required}>
            <Select style={{ width: 140 }} options={FOUND_BY.map((f) => ({ value: f, label: c.foundBys[f] }))} />
          </Form.Item>
        </Space>
        <Form.Item name="note" label={c.note}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="case-new-submit">
          {c.record}
        </Button>
      </Form>
    </Card>
  );
}
