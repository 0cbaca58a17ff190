import { QrcodeOutlined } from '@ant-design/icons';
import { Button, Card, Input, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { ErrorAlert } from '../../shared/ui/errors';
import { useHeadcount, type VerifiedVenue, verifyVenue } from './api';
import { QrScanner } from './QrScanner';
import { useGateText } from './strings';

const STORAGE_KEY = 'cg_gate_venue';

export interface ActiveVenue {
  token: string;
  venue: VerifiedVenue;
}

/**
 * The gate this phone stands at: from the scanned venue code's link (?v=…), the camera, or typed in.
 * Kept for the browser session so the guard scans it once per shift, not once per person.
 */
export function VenueBar({ value, onChange }: { value: ActiveVenue | null; onChange(v: ActiveVenue | null): void }) {
  const { g, fmt } = useGateText();
  const [params, setParams] = useSearchParams();
  const [text, setText] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [scanning, setScanning] = useState(false);
  const headcount = useHeadcount(value?.venue.schoolId ?? undefined);

  const use = useCallback(
    async (token: string) => {
      setBusy(true);
      setError(null);
      try {
        const venue = await verifyVenue(token.trim());
        const active = { token: token.trim(), venue };
        sessionStorage.setItem(STORAGE_KEY, active.token);
        onChange(active);
      } catch (err) {
        setError(err);
        sessionStorage.removeItem(STORAGE_KEY);
        onChange(null);
      } finally {
        setBusy(false);
      }
    },
    [onChange],
  );

  useEffect(() => {
    const fromLink = params.get('v');
    const stored = sessionStorage.getItem(STORAGE_KEY);
    if (fromLink) {
      void use(fromLink);
      params.delete('v');
      setParams(params, { replace: true });
    } else if (stored && !value) void use(stored);
    // Runs once on arrival: the link's code, or the one this session already confirmed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  if (value) {
    return (
      <Card size="small" data-testid="gate-venue">
        <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
          <Typography.Text strong data-testid="gate-venue-name">{fmt(g.gateAt, { school: value.venue.schoolName ?? '', gate: value.venue.name })}</Typography.Text>
          <Button size="small" onClick={() => { sessionStorage.removeItem(STORAGE_KEY); onChange(null); }}>{g.changeVenue}</Button>
        </Space>
        {headcount.data && (
          <Space size={4} style={{ marginTop: 4 }} wrap>
            <Tag color="blue" data-testid="gate-headcount">{fmt(g.onCampus, { n: headcount.data.inside })}</Tag>
            <Tag color={headcount.data.refused ? 'red' : 'default'}>{fmt(g.refusedToday, { n: headcount.data.refused })}</Tag>
          </Space>
        )}
      </Card>
    );
  }
  return (
    <Card size="small" title={g.scanVenue}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Button type="primary" block size="large" icon={<QrcodeOutlined />} onClick={() => setScanning(true)} data-testid="gate-scan-venue">{g.scanVenue}</Button>
        <Space.Compact style={{ width: '100%' }}>
          <Input value={text} onChange={(e) => setText(e.target.value)} placeholder={g.venuePlaceholder} data-testid="gate-venue-input" onPressEnter={() => text && void use(text)} />
          <Button onClick={() => void use(text)} disabled={!text.trim()} loading={busy} data-testid="gate-venue-submit">{g.useVenue}</Button>
        </Space.Compact>
        <ErrorAlert error={error} />
      </Space>
      <QrScanner open={scanning} onClose={() => setScanning(false)} onResult={(t) => { setScanning(false); void use(t); }} />
    </Card>
  );
}
