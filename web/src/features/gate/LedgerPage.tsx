import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Space, Statistic, Table, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useCan } from '../../shared/auth';
import { chinaToday, formatChinaTime } from '../../shared/china-time';
import { ErrorAlert, useNotifyError } from '../../shared/ui/errors';
import { exportLedger, type LedgerRow, useAcknowledge, useHeadcount, useLedger, useRefusals, useVisitors, type VisitorRow } from './api';
import { useGateText } from './strings';
import { useSchoolChoice } from './useSchoolChoice';
import { joinList } from '../../shared/i18n/punctuation';

const time = (iso: string) => formatChinaTime(iso, 'HH:mm:ss');

/** The entry ledger (出入台账) with the day's headcount, the refusals (the school doctor's list) and visitors. */
export function LedgerPage() {
  const { g, locale } = useGateText();
  const can = useCan();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const { schoolId, picker } = useSchoolChoice();
  const [date, setDate] = useState(() => dayjs(chinaToday()));
  const day = date.format('YYYY-MM-DD');
  const headcount = useHeadcount(schoolId);
  const ledger = useLedger({ schoolId, date: day, limit: 500 });
  const refusals = useRefusals({ schoolId, date: day });
  const visitors = useVisitors({ schoolId, date: day });
  const ack = useAcknowledge();

  const columns = [
    { title: g.time, dataIndex: 'at', render: time, width: 90 },
    { title: g.gate, dataIndex: 'gateName' },
    { title: g.direction, dataIndex: 'direction', render: (d: string) => (d === 'in' ? g.in : g.out) },
    { title: g.name, dataIndex: 'name', render: (n: string, r: LedgerRow) => <span>{n} <Tag>{g.kinds[r.kind as keyof typeof g.kinds] ?? r.kind}</Tag></span> },
    { title: g.className, dataIndex: 'className' },
    { title: g.temperature, dataIndex: 'temperature' },
    { title: g.decision, dataIndex: 'decision', render: (d: string) => <Tag color={d === 'allow' ? 'green' : 'red'}>{d === 'allow' ? g.allow : g.refuse}</Tag> },
    { title: g.reason, dataIndex: 'reasons', render: (rs: LedgerRow['reasons']) => joinList(locale, rs.map((r) => g.reasons[r])) },
    { title: g.guard, dataIndex: 'guardName' },
  ];
  const refusalColumns = [
    ...columns.filter((c) => c.dataIndex !== 'direction' && c.dataIndex !== 'guardName'),
    {
      title: '',
      dataIndex: 'noticeId',
      render: (id: number | null, r: LedgerRow) =>
        id === null ? null : r.noticeAcknowledged ? <Tag>{g.acknowledged}</Tag> : refusals.data?.can.acknowledge ? (
          <Button size="small" danger onClick={() => ack.mutate(id, { onError: notifyError })} data-testid="gate-ack">{g.acknowledge}</Button>
        ) : <Tag color="red">{g.openNotices}</Tag>,
    },
  ];
  const visitorColumns = [
    { title: g.time, dataIndex: 'registeredAt', render: time },
    { title: g.visitorName, dataIndex: 'name' },
    { title: g.visitorIdNumber, dataIndex: 'idNumberMasked' },
    { title: g.visitorPhone, dataIndex: 'phoneMasked' },
    { title: g.visitorOrganisation, dataIndex: 'organisation' },
    { title: g.visitorHost, dataIndex: 'host' },
    { title: g.visitorPurpose, dataIndex: 'purpose' },
    { title: g.insideNow, dataIndex: 'insideNow', render: (v: boolean, r: VisitorRow) => (r.entryDecision === 'refuse' ? <Tag color="red">{g.refuse}</Tag> : v ? <Tag color="blue">{g.insideNow}</Tag> : null) },
  ];

  async function onExport() {
    if (!schoolId) return;
    try {
      await exportLedger(schoolId, day);
      message.success(g.done);
    } catch (err) {
      notifyError(err);
    }
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>{g.ledgerTitle}</Typography.Title>
        <Space wrap>
          {picker}
          <DatePicker value={date} onChange={(d) => d && setDate(d)} allowClear={false} />
          {can('gate.export') && <Button icon={<DownloadOutlined />} onClick={() => void onExport()} disabled={!schoolId} data-testid="gate-export">{g.export}</Button>}
        </Space>
      </Space>
      {headcount.data && (
        <Card size="small">
          <Space size="large" wrap>
            <Statistic title={g.insideNow} value={headcount.data.inside} />
            <Statistic title={g.entries} value={headcount.data.entries} />
            <Statistic title={g.exits} value={headcount.data.exits} />
            <Statistic title={g.refused} value={headcount.data.refused} styles={{ content: { color: headcount.data.refused ? '#cf1322' : undefined } }} />
            <Statistic title={g.openNotices} value={headcount.data.openDoctorNotices} />
          </Space>
        </Card>
      )}
      <ErrorAlert error={ledger.error ?? refusals.error} />
      <Tabs
        defaultActiveKey={can('gate.doctor') ? 'refusals' : 'ledger'}
        items={[
          { key: 'ledger', label: g.ledgerTitle, children: <Table<LedgerRow> rowKey="id" size="small" scroll={{ x: 900 }} loading={ledger.isFetching} dataSource={ledger.data?.items ?? []} columns={columns} data-testid="gate-ledger" /> },
          { key: 'refusals', label: g.refusals, children: <Table<LedgerRow> rowKey="id" size="small" scroll={{ x: 800 }} dataSource={refusals.data?.items ?? []} columns={refusalColumns} data-testid="gate-refusals" /> },
          { key: 'visitors', label: g.visitors, children: <Table<VisitorRow> rowKey="id" size="small" scroll={{ x: 800 }} dataSource={visitors.data?.items ?? []} columns={visitorColumns} data-testid="gate-visitors" /> },
        ]}
      />
    </Space>
  );
}
