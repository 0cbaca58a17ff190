import { PrinterOutlined } from '@ant-design/icons';
import { Button, Space, Typography } from 'antd';
import { useParams } from 'react-router';
import { formatChinaTime } from '../../shared/china-time';
import { ErrorAlert } from '../../shared/ui/errors';
import { useVenueCode } from './api';
import { useGateText } from './strings';

/** One venue code on an A4 page: school, gate, the QR code and its validity; the print button hides itself. */
export function VenueCodePrintPage() {
  const { g } = useGateText();
  const id = Number(useParams().id);
  const code = useVenueCode(id);
  const c = code.data;
  return (
    <div style={{ maxWidth: 640, margin: '0 auto', textAlign: 'center' }} data-testid="venue-print-page">
      <style>{'@media print { .cg-no-print, .ant-layout-sider, .ant-layout-header, [data-testid="app-menu"] { display: none !important; } }'}</style>
      <ErrorAlert error={code.error} />
      {c && (
        <Space orientation="vertical" size="large" style={{ width: '100%' }}>
          <Typography.Title level={2} style={{ marginBottom: 0 }}>{c.schoolName}</Typography.Title>
          <Typography.Title level={1} style={{ margin: 0 }} data-testid="venue-print-name">{c.name} · {g.venueCodes}</Typography.Title>
          {c.status === 'active' ? <img src={`/api/venue-codes/${c.id}/qr.png`} alt={c.name} style={{ width: '80%', maxWidth: 420 }} data-testid="venue-qr" /> : <Typography.Text type="danger">{g.statuses[c.status]}</Typography.Text>}
          <Typography.Text>{g.expiresAt} {formatChinaTime(c.expiresAt, 'YYYY-MM-DD')}</Typography.Text>
          <Typography.Text type="secondary">{g.printHint}</Typography.Text>
          <Button className="cg-no-print" icon={<PrinterOutlined />} onClick={() => window.print()}>{g.print}</Button>
        </Space>
      )}
    </div>
  );
}
