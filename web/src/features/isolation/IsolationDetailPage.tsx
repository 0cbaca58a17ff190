import { Alert, App, Button, Card, Descriptions, Input, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useCan } from '../../shared/auth';
import { useI18n } from '../../shared/i18n';
import { ErrorAlert, useErrorText } from '../../shared/ui/errors';
import { useIsolation, useIsolationMutations } from './api';
import { CheckinForm } from './CheckinForm';
import { useIsolationText } from './strings';

/** One isolation: the order, daily check-ins, tests and the release (refused by the server until its criteria are met). */
export function IsolationDetailPage() {
  const { s, fmt } = useIsolationText();
  const { tv } = useI18n();
  const id = Number(useParams().id);
  const can = useCan();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const detail = useIsolation(id);
  const m = useIsolationMutations(id);
  const [override, setOverride] = useState('');
  const [releaseError, setReleaseError] = useState<string | null>(null);
  const d = detail.data;
  if (!d) return <Card loading={detail.isPending}><ErrorAlert error={detail.error} onRetry={() => void detail.refetch()} /></Card>;
  const active = d.status === 'active';

  const release = () => {
    setReleaseError(null);
    m.release.mutate(override.trim() ? { overrideReason: override.trim() } : {}, {
      onSuccess: () => void message.success(s.released),
      onError: (e) => setReleaseError(errorText(e)),
    });
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Link to="/isolation">← {s.back}</Link>
      <Card size="small" title={<Space>{d.personName}<Tag color={active ? 'red' : 'default'}>{s.statuses[d.status] ?? d.status}</Tag></Space>} data-testid="isolation-detail">
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={s.className}>{d.className}</Descriptions.Item>
          <Descriptions.Item label={s.kind}>{s.kinds[d.kind] ?? d.kind}{d.siteName ? ` · ${d.siteName}` : ''}</Descriptions.Item>
          <Descriptions.Item label={s.period}>{d.startsOn} – {d.plannedEnd}</Descriptions.Item>
          {d.monitoringEnd && <Descriptions.Item label={s.monitoringEnd}>{d.monitoringEnd}</Descriptions.Item>}
          <Descriptions.Item label={s.reason}>{d.reason}</Descriptions.Item>
          <Descriptions.Item label={s.disease}>{tv('disease', d.disease)}</Descriptions.Item>
          {d.logistics && <Descriptions.Item label={s.logistics}>{d.logistics}</Descriptions.Item>}
        </Descriptions>
      </Card>
      <Card size="small" title={s.checkins}>
        <Table
          size="small"
          rowKey="day"
          pagination={false}
          dataSource={d.checkins}
          data-testid="isolation-checkins"
          columns={[
            { title: s.day, dataIndex: 'day' },
            { title: s.temperature, dataIndex: 'temperature', render: (v: number | null, x) => (v == null ? '—' : <span style={{ color: x.symptomatic ? '#cf1322' : undefined }}>{v}</span>) },
            { title: s.symptoms, dataIndex: 'symptoms', render: (v: string[]) => (v.length ? v.map((x) => <Tag key={x} color="red">{x}</Tag>) : s.none) },
          ]}
        />
        {active && can('isolation.checkin') && <CheckinForm isolationId={d.id} submitTestId="isolation-checkin" />}
      </Card>
      {d.tests.length > 0 && (
        <Card size="small" title={s.tests}>
          <Space wrap>
            {d.tests.map((t) => (
              <Tag key={t.day} color={t.result === 'positive' ? 'red' : t.result ? 'green' : t.due ? 'orange' : 'default'}>
                {fmt(s.testDay, { n: t.day })} {t.date} · {t.result ?? (t.due ? s.due : '—')}
              </Tag>
            ))}
          </Space>
        </Card>
      )}
      {active && can('isolation.manage') && (
        <Card size="small" title={s.release} data-testid="isolation-release-card">
          <Space direction="vertical" style={{ width: '100%' }}>
            <Alert
              type={d.release.met ? 'success' : 'warning'}
              showIcon
              message={d.release.met ? s.releaseMet : s.releaseUnmet}
              description={d.release.problems.map((p) => `${s.problems[p.code] ?? p.code}${p.date ? ` (${p.date})` : ''}`).join('；') || undefined}
            />
            {!d.release.met && <Input.TextArea rows={2} placeholder={s.override} title={s.overrideHint} value={override} onChange={(e) => setOverride(e.target.value)} maxLength={300} data-testid="isolation-override" />}
            {releaseError && <Alert type="error" showIcon message={releaseError} data-testid="isolation-release-error" />}
            <Button type="primary" danger={!d.release.met} onClick={release} loading={m.release.isPending} data-testid="isolation-release">
              {s.release}
            </Button>
          </Space>
        </Card>
      )}
    </Space>
  );
}
