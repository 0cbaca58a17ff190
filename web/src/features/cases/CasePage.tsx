import { Alert, App, Button, Card, Descriptions, Form, Input, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useCan } from '../../shared/auth';
import { chinaToday, formatChinaTime } from '../../shared/china-time';
import { type MessageKey, useI18n } from '../../shared/i18n';
import { ErrorAlert, useNotifyError } from '../../shared/ui/errors';
import { type ContactRow, useCase, useCaseMutations, useContacts, useSites } from './api';
import { caseStatusColor } from './CasesPage';
import { useCaseText } from './strings';

const contactColor: Record<string, string> = { proposed: 'gold', confirmed: 'red', dismissed: 'default' };
const riskColor: Record<string, string> = { red: 'red', yellow: 'gold', green: 'green' };

function IsolationOrder({ caseId, confirmed }: { caseId: number; confirmed: number }) {
  const { c, fmt } = useCaseText();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<{ kind?: string; siteId?: number; startsOn: string; logistics?: string }>();
  const kind = Form.useWatch('kind', form);
  const sites = useSites(kind === 'site');
  const { isolate } = useCaseMutations(caseId);
  return (
    <Card size="small" title={c.order} data-testid="isolation-order">
      <Form
        form={form}
        layout="vertical"
        initialValues={{ startsOn: chinaToday() }}
        onFinish={(v) =>
          isolate.mutate(
            { kind: v.kind, siteId: v.kind === 'site' ? v.siteId : undefined, startsOn: v.startsOn, logistics: v.logistics?.trim() || undefined },
            {
              onSuccess: (r) => {
                const ordered = fmt(c.ordered, { created: r.created, skipped: r.skipped });
                // Contacts outside the caller's scope are only counted: their own school orders them.
                const text = r.outOfScope ? fmt(c.outOfScope, { ordered, n: r.outOfScope }) : ordered;
                const skipped = r.skippedPersons ?? [];
                if (!skipped.length) return void (r.outOfScope ? message.info(text) : message.success(text));
                // Name whoever was left out, so they can be looked at one by one.
                const names = skipped.map((p) => fmt(c.skippedOne, { name: p.personName, reason: c.skipReasons[p.reason] ?? p.reason })).join(c.listSeparator);
                void message.warning({ content: fmt(c.skippedList, { ordered: text, names }), duration: 10 });
              },
              onError: notifyError,
            },
          )
        }
      >
        <Space wrap align="start">
          {/* The kind is chosen here, not left to the policy's default: a default of "site" would need a site this form had not asked for. */}
          <Form.Item name="kind" label={c.kind} rules={[{ required: true }]}>
            <Select style={{ width: 160 }} options={['home', 'on_campus', 'site'].map((k) => ({ value: k, label: c.kinds[k] }))} data-testid="isolation-order-kind" />
          </Form.Item>
          {kind === 'site' && (
            <Form.Item name="siteId" label={c.site} rules={[{ required: true }]}>
              <Select style={{ width: 220 }} loading={sites.isPending} options={(sites.data?.items ?? []).map((s) => ({ value: s.id, label: `${s.name}（${s.capacity}）` }))} />
            </Form.Item>
          )}
          <Form.Item name="startsOn" label={c.startsOn} rules={[{ required: true }]}>
            <Input type="date" />
          </Form.Item>
        </Space>
        <Form.Item name="logistics" label={c.logistics}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <Button type="primary" htmlType="submit" disabled={confirmed === 0} loading={isolate.isPending} data-testid="isolation-order-submit">
          {c.submitOrder}
        </Button>
      </Form>
    </Card>
  );
}

/** A case: its facts, the contacts proposed by the rules (confirm or dismiss) and the isolation order for the confirmed ones. */
export function CasePage() {
  const { c, fmt } = useCaseText();
  const { tv, t } = useI18n();
  const id = Number(useParams().id);
  // Contact routes share the policies' labels (同班, 同宿舍 …); a contact added by hand has its own.
  const viaLabel = (v: string) => {
    if (v === 'manual') return c.viaManual;
    const key = `policies.vias.${v}` as MessageKey;
    return t(key) === key ? v : t(key);
  };
  const can = useCan();
  const manage = can('case.manage');
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const one = useCase(id);
  const contacts = useContacts(id);
  const m = useCaseMutations(id);
  const [selected, setSelected] = useState<number[]>([]);
  const x = one.data;
  const items = contacts.data?.items ?? [];
  const confirmed = items.filter((k) => k.status === 'confirmed' && !k.isolationId).length;
  const decideMany = (decision: 'confirmed' | 'dismissed') =>
    m.decideMany.mutate({ contactIds: selected, decision }, { onSuccess: (r) => { setSelected([]); void message.success(fmt(c.updated, { n: r.updated })); }, onError: notifyError });

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Link to="/cases">← {c.back}</Link>
      <ErrorAlert error={one.error} onRetry={() => void one.refetch()} />
      <Card size="small" loading={one.isPending} title={x && <Space>{x.personName}<Tag color={caseStatusColor[x.status]}>{c.statuses[x.status] ?? x.status}</Tag></Space>} data-testid="case-detail">
        {x && (
          <Descriptions size="small" column={{ xs: 1, md: 3 }}>
            <Descriptions.Item label={c.disease}>{tv('disease', x.disease)}</Descriptions.Item>
            <Descriptions.Item label={c.school}>{x.schoolName} {x.className}</Descriptions.Item>
            <Descriptions.Item label={c.onset}>{x.onsetDate ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={c.foundBy}>{c.foundBys[x.foundBy] ?? x.foundBy}</Descriptions.Item>
            <Descriptions.Item label={c.createdAt}>{formatChinaTime(x.createdAt, 'YYYY-MM-DD')}</Descriptions.Item>
            {x.note && <Descriptions.Item label={c.note}>{x.note}</Descriptions.Item>}
          </Descriptions>
        )}
      </Card>
      <Card
        size="small"
        title={c.contacts}
        extra={
          manage && (
            <Space wrap>
              <Button size="small" disabled={!selected.length} loading={m.decideMany.isPending} onClick={() => decideMany('confirmed')}>
                {c.confirmAll}
              </Button>
              <Button size="small" disabled={!selected.length} loading={m.decideMany.isPending} onClick={() => decideMany('dismissed')}>
                {c.dismissAll}
              </Button>
              <Button size="small" type="primary" loading={m.propose.isPending} onClick={() => m.propose.mutate(undefined, { onSuccess: (r) => void message.success(fmt(c.proposed, { n: r.proposed ?? r.items.length })), onError: notifyError })} data-testid="contacts-propose">
                {c.propose}
              </Button>
            </Space>
          )
        }
      >
        <ErrorAlert error={contacts.error} onRetry={() => void contacts.refetch()} />
        {!!contacts.data?.withheld && <Alert type="info" showIcon style={{ marginBottom: 8 }} message={fmt(c.withheld, { n: contacts.data.withheld })} data-testid="contacts-withheld" />}
        <Table
          size="small"
          rowKey="id"
          loading={contacts.isPending}
          dataSource={items}
          scroll={{ x: true }}
          // A whole class and its teachers are proposed at once: one page, so none is missed behind a pager.
          pagination={{ pageSize: 100, hideOnSinglePage: true }}
          data-testid="contacts-table"
          onRow={() => ({ 'data-testid': 'contact-row' }) as object}
          rowSelection={manage ? { selectedRowKeys: selected, onChange: (k) => setSelected(k.map(Number)), getCheckboxProps: (k: ContactRow) => ({ disabled: k.status !== 'proposed' }) } : undefined}
          columns={[
            { title: c.person, dataIndex: 'personName' },
            { title: c.className, dataIndex: 'className' },
            { title: c.via, dataIndex: 'via', render: (v: string[]) => v.map(viaLabel).join(c.listSeparator) },
            { title: c.exposure, render: (_: unknown, k: ContactRow) => `${k.exposureFrom} – ${k.exposureTo}` },
            { title: c.status, dataIndex: 'status', render: (s: string) => <Tag color={contactColor[s]}>{c.contactStatuses[s] ?? s}</Tag> },
            { title: c.risk, dataIndex: 'riskStatus', render: (s: string) => <Tag color={riskColor[s]}>{c.risks[s] ?? s}</Tag> },
            { title: c.isolation, dataIndex: 'isolationId', render: (v: number | null) => (v ? <Link to={`/isolation/${v}`}>{c.isolated}</Link> : '—') },
            ...(manage
              ? [
                  {
                    title: '',
                    render: (_: unknown, k: ContactRow) =>
                      k.status === 'proposed' && (
                        <Space>
                          <Button size="small" type="link" onClick={() => m.decideOne.mutate({ contactId: k.id, decision: 'confirmed' }, { onError: notifyError })} data-testid="contact-confirm">
                            {c.confirm}
                          </Button>
                          <Button size="small" type="link" danger onClick={() => m.decideOne.mutate({ contactId: k.id, decision: 'dismissed' }, { onError: notifyError })} data-testid="contact-dismiss">
                            {c.dismiss}
                          </Button>
                        </Space>
                      ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      {can('isolation.manage') && <IsolationOrder caseId={id} confirmed={confirmed} />}
    </Space>
  );
}
