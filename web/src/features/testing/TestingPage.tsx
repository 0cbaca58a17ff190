import { App, Button, Card, Col, Form, Input, Modal, Radio, Row, Segmented, Space, Statistic, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useCan } from '../../shared/auth';
import { chinaToday } from '../../shared/china-time';
import { ErrorAlert, useNotifyError } from '../../shared/ui/errors';
import { type DueItem, useDue, useRecordResult } from './api';
import { useTestingText } from './strings';
import { useI18n } from '../../shared/i18n';
import { joinList } from '../../shared/i18n/punctuation';


interface Values {
  testKind: 'pcr' | 'antigen';
  sampledOn: string;
  result: 'negative' | 'positive';
  lab?: string;
}

function ResultForm({ person, onClose }: { person: DueItem; onClose: () => void }) {
  const { s } = useTestingText();
  const { message, modal } = App.useApp();
  const notifyError = useNotifyError();
  const record = useRecordResult();
  const [form] = Form.useForm<Values>();
  const save = (v: Values) =>
    record.mutate(
      { personId: person.personId, ...v, lab: v.lab?.trim() || undefined },
      {
        onSuccess: (r) => {
          if (r.caseId) modal.warning({ title: s.positiveCase, content: <Link to={`/cases/${r.caseId}`}>{s.openCase}</Link> });
          else void message.success(r.repeated ? s.repeated : s.saved);
          onClose();
        },
        onError: notifyError,
      },
    );
  return (
    <Modal open title={`${s.record} · ${person.name}`} onCancel={onClose} onOk={() => form.submit()} okText={s.save} confirmLoading={record.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ testKind: 'pcr', sampledOn: chinaToday(), result: 'negative' }} onFinish={save} data-testid="test-result-form">
        <Form.Item name="testKind" label={s.testKind}>
          <Radio.Group options={(['pcr', 'antigen'] as const).map((k) => ({ value: k, label: s.kinds[k] }))} />
        </Form.Item>
        <Form.Item name="sampledOn" label={s.sampledOn} rules={[{ required: true }]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="result" label={s.result}>
          <Radio.Group options={(['negative', 'positive'] as const).map((k) => ({ value: k, label: s.results[k] }))} />
        </Form.Item>
        <Form.Item name="lab" label={s.lab}>
          <Input maxLength={60} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Who is due for a test today and who is overdue, by person and by class; results entered from the list. */
export function TestingPage() {
  const { s, fmt } = useTestingText();
  const { locale } = useI18n();
  const can = useCan();
  const [status, setStatus] = useState<string>('');
  const [entering, setEntering] = useState<DueItem | null>(null);
  const due = useDue(status || undefined);
  const d = due.data;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small" title={s.title} extra={d && fmt(s.date, { date: d.date })}>
        <ErrorAlert error={due.error} onRetry={() => void due.refetch()} />
        <Row gutter={[12, 12]}>
          <Col xs={12} md={6}>
            <Statistic title={s.due} value={d?.totals.due ?? '—'} data-testid="testing-due" />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title={s.overdue} value={d?.totals.overdue ?? '—'} valueStyle={d?.totals.overdue ? { color: '#cf1322' } : undefined} data-testid="testing-overdue" />
          </Col>
        </Row>
      </Card>
      {d && d.byClass.length > 0 && (
        <Card size="small" title={s.byClass}>
          <Space wrap>
            {d.byClass.map((c) => (
              <Tag key={`${c.schoolId}:${c.classId ?? 'staff'}`} color={c.overdue ? 'red' : 'orange'}>
                {c.className ?? s.staff} · {s.statuses.due} {c.due} · {s.statuses.overdue} {c.overdue}
              </Tag>
            ))}
          </Space>
        </Card>
      )}
      <Card size="small" extra={<Segmented size="small" value={status} onChange={(v) => setStatus(String(v))} options={[{ value: '', label: s.all }, { value: 'overdue', label: s.overdue }, { value: 'due', label: s.due }]} />}>
        <Table
          size="small"
          rowKey="personId"
          loading={due.isPending}
          dataSource={d?.items ?? []}
          scroll={{ x: true }}
          data-testid="testing-table"
          columns={[
            { title: s.name, dataIndex: 'name' },
            { title: s.className, dataIndex: 'className', render: (v: string | null) => v ?? s.staff },
            { title: s.status, dataIndex: 'status', render: (v: string) => <Tag color={v === 'overdue' ? 'red' : 'orange'}>{s.statuses[v] ?? v}</Tag> },
            { title: s.since, dataIndex: 'since' },
            { title: s.missing, dataIndex: 'missing', render: (m: DueItem['missing']) => joinList(locale, m.map((o) => o.date)) },
            ...(can('test.record') ? [{ title: '', render: (_: unknown, x: DueItem) => <Button size="small" onClick={() => setEntering(x)} data-testid="testing-record">{s.record}</Button> }] : []),
          ]}
        />
      </Card>
      {entering && <ResultForm person={entering} onClose={() => setEntering(null)} />}
    </Space>
  );
}
