import { DownloadOutlined, SafetyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { formatChinaTime, instantOfChinaPickerValue } from '../../shared/china-time';
import { useI18n } from '../../shared/i18n';
import { ErrorAlert, useNotifyError } from '../../shared/ui/errors';
import { type AuditQuery, type AuditRow, exportAudit, useAuditLog, useVerifyAudit } from './api';

const PAGE = 50;
const RESULT_COLOR: Record<string, string> = { ok: 'green', denied: 'orange', failed: 'red' };

interface FilterForm {
  actor?: string;
  action?: string;
  objectType?: string;
  objectId?: string;
  result?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

function toQuery(v: FilterForm): AuditQuery {
  const text = (s?: string) => (s?.trim() ? s.trim() : undefined);
  return {
    actor: text(v.actor),
    action: text(v.action),
    objectType: text(v.objectType),
    objectId: text(v.objectId),
    result: v.result,
    from: v.range?.[0] ? instantOfChinaPickerValue(v.range[0].startOf('day')) : undefined,
    to: v.range?.[1] ? instantOfChinaPickerValue(v.range[1].endOf('day')) : undefined,
  };
}

/** The append-only audit log: filter, read, export, and verify its hash chain. */
export function AuditPage() {
  const { t, tv } = useI18n();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<FilterForm>();
  const [filter, setFilter] = useState<AuditQuery>({});
  const [page, setPage] = useState(1);
  const log = useAuditLog({ ...filter, limit: PAGE, offset: (page - 1) * PAGE });
  const verify = useVerifyAudit();

  async function onExport() {
    try {
      await exportAudit(filter);
      message.success(t('common.exported'));
    } catch (err) {
      notifyError(err);
    }
  }

  const columns = [
    { title: t('audit.seq'), dataIndex: 'seq', width: 70 },
    { title: t('audit.at'), dataIndex: 'at', render: (v: string) => formatChinaTime(v, 'YYYY-MM-DD HH:mm:ss') },
    { title: t('audit.actor'), dataIndex: 'actorName' },
    { title: t('audit.actorRole'), dataIndex: 'actorRole', render: (v: string | null) => tv('role', v) },
    { title: t('audit.action'), dataIndex: 'action', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
    { title: t('audit.objectType'), dataIndex: 'objectType' },
    { title: t('audit.objectId'), dataIndex: 'objectId' },
    { title: t('audit.scope'), dataIndex: 'scope' },
    { title: t('audit.result'), dataIndex: 'result', render: (v: string) => <Tag color={RESULT_COLOR[v]}>{tv('auditResult', v)}</Tag> },
    { title: t('audit.ip'), dataIndex: 'ip' },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={t('audit.title')}
        extra={
          <Space wrap>
            <Button icon={<SafetyOutlined />} loading={verify.isPending} onClick={() => verify.mutate(undefined, { onError: notifyError })} data-testid="audit-verify">
              {t('audit.verify')}
            </Button>
            <Button icon={<DownloadOutlined />} onClick={onExport} data-testid="audit-export">
              {t('common.export')}
            </Button>
          </Space>
        }
      >
        {verify.data && (
          <Alert
            style={{ marginBottom: 12 }}
            showIcon
            closable
            data-testid="audit-verify-result"
            type={verify.data.ok ? 'success' : 'error'}
            title={verify.data.ok ? t('audit.verifyOk', { rows: verify.data.rows }) : t('audit.verifyBroken', { seq: verify.data.firstBrokenSeq ?? '?', rows: verify.data.rows })}
          />
        )}
        <Form<FilterForm>
          form={form}
          layout="inline"
          style={{ rowGap: 8, marginBottom: 12 }}
          onFinish={(v) => {
            setFilter(toQuery(v));
            setPage(1);
          }}
          data-testid="audit-filters"
        >
          <Form.Item name="actor">
            <Input allowClear placeholder={t('audit.actor')} style={{ width: 130 }} />
          </Form.Item>
          <Form.Item name="action">
            <Input allowClear placeholder={t('audit.actionPlaceholder')} style={{ width: 190 }} />
          </Form.Item>
          <Form.Item name="objectType">
            <Input allowClear placeholder={t('audit.objectType')} style={{ width: 120 }} />
          </Form.Item>
          <Form.Item name="objectId">
            <Input allowClear placeholder={t('audit.objectId')} style={{ width: 110 }} />
          </Form.Item>
          <Form.Item name="result">
            <Select allowClear placeholder={t('audit.result')} style={{ width: 110 }} options={['ok', 'denied', 'failed'].map((r) => ({ value: r, label: tv('auditResult', r) }))} />
          </Form.Item>
          <Form.Item name="range">
            <DatePicker.RangePicker />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit">{t('common.search')}</Button>
            <Button onClick={() => { form.resetFields(); setFilter({}); setPage(1); }}>{t('common.reset')}</Button>
          </Space>
        </Form>
        <ErrorAlert error={log.error} onRetry={() => void log.refetch()} />
        <Table<AuditRow>
          data-testid="audit-table"
          rowKey="id"
          size="small"
          loading={log.isFetching}
          dataSource={log.data?.items ?? []}
          columns={columns}
          scroll={{ x: 'max-content' }}
          expandable={{
            rowExpandable: (r) => r.detail !== null && r.detail !== undefined,
            expandedRowRender: (r) => <pre style={{ margin: 0, whiteSpace: 'pre-wrap', fontSize: 12 }}>{JSON.stringify(r.detail, null, 2)}</pre>,
          }}
          pagination={{ current: page, pageSize: PAGE, total: log.data?.total ?? 0, onChange: setPage, showSizeChanger: false, showTotal: (n) => t('common.total', { n }) }}
        />
      </Card>
    </Space>
  );
}
