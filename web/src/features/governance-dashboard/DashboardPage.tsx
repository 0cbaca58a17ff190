import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Input, Row, Space, Statistic, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { download, get } from '../../shared/api/client';
import { useMe } from '../../shared/auth';
import { ErrorAlert, useNotifyError } from '../../shared/ui/errors';
import { fmtTime, useText } from './text';

interface Dashboard {
  regionCode: string; regionName: string; date: string; week: { from: string; to: string };
  figures: { key: string; value: number | null; total?: number | null; available: boolean; link: string }[];
  isolationByKind: { kind: string; count: number }[];
  dutyOfficers: { name: string; post: string; taskForce: string; until: string }[];
}

const TEXT = {
  'zh-CN': {
    title: '督导看板', brief: '疫情防控督导日报', export: '导出 Excel', print: '打印日报', region: '行政区划代码', notAvailable: '未接入', duty: '当前值班人员', who: '值班人', until: '至', post: '岗位', taskForce: '专班', week: '本周',
    figures: {
      schools: '学校数', students: '在校学生', reportingCompleteness: '今日晨检上报班级', openAlerts: '未结预警', isolation: '隔离中人数', screening: '排查覆盖人数', pairingCoverage: '一校一院覆盖',
      schoolDoctors: '一校一医覆盖', inspectionsThisWeek: '本周督查', inspectionsCompleted: '本周已完成督查', findingsOpen: '未销号问题', findingsOverdue: '逾期问题', findingsClosed: '已销号问题',
      selfReportsDue: '待交自查', selfReportsMissing: '逾期未交自查', dutyOfficers: '当前值班人员',
    } as Record<string, string>,
  },
  en: {
    title: 'Bureau dashboard', brief: 'Daily supervision brief', export: 'Export to Excel', print: 'Print daily brief', region: 'Region code', notAvailable: 'not connected', duty: 'On duty now', who: 'Officer', until: 'until', post: 'Post', taskForce: 'Task force', week: 'This week',
    figures: {
      schools: 'Schools', students: 'Students', reportingCompleteness: 'Classes with today’s morning check', openAlerts: 'Open alerts', isolation: 'People in isolation', screening: 'People screened', pairingCoverage: 'Schools paired with a hospital',
      schoolDoctors: 'Schools with a doctor', inspectionsThisWeek: 'Inspections this week', inspectionsCompleted: 'Completed this week', findingsOpen: 'Open findings', findingsOverdue: 'Overdue findings', findingsClosed: 'Closed findings',
      selfReportsDue: 'Self-reports due', selfReportsMissing: 'Self-reports missing', dutyOfficers: 'Duty officers now',
    } as Record<string, string>,
  },
};

// The printed brief keeps the figures and the duty list; menus, buttons and inputs are left off the page.
const PRINT_CSS = '@media print { .cg-no-print, .ant-layout-sider, .ant-layout-header, [data-testid="app-menu"] { display: none !important; } .ant-layout-content { margin: 0 !important; padding: 0 !important; } .cg-brief .ant-card { break-inside: avoid; border: 1px solid #999; } .cg-brief-title { display: block !important; } }';

export function DashboardPage() {
  const t = useText(TEXT);
  const me = useMe();
  const notifyError = useNotifyError();
  const [region, setRegion] = useState(me.account.scope.regionCode ?? '');
  const q = useQuery({ queryKey: ['governance-dashboard', region], queryFn: () => get<Dashboard>('/api/governance/dashboard', { regionCode: region || undefined }), enabled: /^\d{6}$/.test(region) || !region });
  const d = q.data;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} className="cg-brief" data-testid="governance-dashboard">
      <style>{PRINT_CSS}</style>
      <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>{d ? `${d.regionName} ${t.brief} ${d.date}` : t.title}</Typography.Title>
        <Space className="cg-no-print" wrap>
          <Input style={{ width: 110 }} placeholder={t.region} value={region} onChange={(e) => setRegion(e.target.value.trim())} data-testid="dashboard-region" />
          <Button icon={<DownloadOutlined />} disabled={!d} onClick={() => void download('/api/governance/dashboard/export', { regionCode: d?.regionCode }, 'dashboard.xlsx').catch(notifyError)} data-testid="dashboard-export">{t.export}</Button>
          <Button icon={<PrinterOutlined />} disabled={!d} onClick={() => window.print()} data-testid="dashboard-print">{t.print}</Button>
        </Space>
      </Space>
      <ErrorAlert error={q.error} />
      {d && (
        <>
          <Typography.Text type="secondary">{t.week} {d.week.from} – {d.week.to}</Typography.Text>
          <Row gutter={[12, 12]}>
            {d.figures.map((f) => (
              <Col key={f.key} xs={12} sm={8} md={6} xl={4}>
                <Link to={f.link} data-testid={`figure-${f.key}`}>
                  <Card size="small" hoverable>
                    <Statistic title={t.figures[f.key] ?? f.key} value={f.available ? (f.value ?? 0) : t.notAvailable} suffix={f.available && f.total != null ? `/ ${f.total}` : undefined} />
                  </Card>
                </Link>
              </Col>
            ))}
          </Row>
          <Card size="small" title={t.duty}>
            <Table rowKey={(r) => `${r.taskForce}-${r.name}`} size="small" pagination={false} dataSource={d.dutyOfficers} data-testid="dashboard-duty"
              columns={[{ title: t.taskForce, dataIndex: 'taskForce' }, { title: t.who, dataIndex: 'name' }, { title: t.post, dataIndex: 'post' }, { title: t.until, render: (_, r) => fmtTime(r.until) }]} />
          </Card>
        </>
      )}
    </Space>
  );
}
