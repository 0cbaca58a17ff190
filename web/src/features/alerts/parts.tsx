import { ClockCircleOutlined, FireOutlined } from '@ant-design/icons';
import { Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { formatChinaTime } from '../../shared/china-time';
import { useI18n } from '../../shared/i18n';
import type { AlertStatus, AlertSummary, Texts } from './api';

/** The server's two-language text in the interface language. */
export function useTexts(): (t: Texts | null | undefined) => string {
  const { locale } = useI18n();
  return (t) => (t ? (locale === 'en' ? t.en : t.zh) : '');
}

const STATUS_COLOR: Record<AlertStatus, string> = { new: 'red', acknowledged: 'orange', investigating: 'gold', reported_to_cdc: 'blue', closed: 'default' };

export function StatusTag({ status, outcome }: { status: AlertStatus; outcome?: string | null }) {
  const { tv } = useI18n();
  return (
    <Tag color={STATUS_COLOR[status] ?? 'default'} data-testid="alert-status" data-status={status}>
      {tv('alertStatus', status)}
      {status === 'closed' && outcome ? ` · ${tv('alertOutcome', outcome)}` : ''}
    </Tag>
  );
}

export function LevelTags({ alert }: { alert: AlertSummary }) {
  const { t, tv } = useI18n();
  return (
    <Space size={4} wrap>
      <Tag color="geekblue">{tv('alertUnit', alert.unit.kind)}</Tag>
      {alert.level === 'emergency' && (
        <Tag color="volcano" icon={<FireOutlined />}>
          {t('alerts.emergencyTag')}
        </Tag>
      )}
    </Space>
  );
}

/** `1d 02:03:04`, `02:03:04`, `03:04`: the same in both languages. */
export function formatDuration(totalSeconds: number): string {
  const s = Math.abs(Math.trunc(totalSeconds));
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  const clock = h || d ? `${pad(h)}:${pad(m)}:${pad(sec)}` : `${pad(m)}:${pad(sec)}`;
  return d ? `${d}d ${clock}` : clock;
}

function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs]);
  return now;
}

/**
 * The legal reporting deadline as a live countdown. It counts from the server's own figure
 * (`secondsToDeadline` at `fetchedAt`), so a wrong clock on the phone does not move the deadline.
 */
export function Countdown({ alert, fetchedAt, size = 'normal' }: { alert: AlertSummary; fetchedAt: number; size?: 'normal' | 'large' }) {
  const { t, tv } = useI18n();
  const now = useNow();
  const label = tv('alertDeadline', alert.deadline);
  if (alert.secondsToDeadline == null) {
    return (
      <Space size={4} data-testid="alert-countdown" data-state="done">
        <Tag>{label}</Tag>
        <Typography.Text type="secondary">{alert.status === 'closed' && !alert.reportedAt ? t('alerts.noDeadline') : t('alerts.reportedIn')}</Typography.Text>
      </Space>
    );
  }
  const left = alert.secondsToDeadline - Math.floor((now - fetchedAt) / 1000);
  const overdue = left <= 0;
  const color = overdue ? '#cf1322' : left < 2 * 3600 ? '#d46b08' : '#0958d9';
  const text = overdue ? t('alerts.overdue', { time: formatDuration(left) }) : t('alerts.remaining', { time: formatDuration(left) });
  return (
    <Space size={6} wrap data-testid="alert-countdown" data-state={overdue ? 'overdue' : 'running'}>
      <Tag color={overdue ? 'red' : left < 2 * 3600 ? 'orange' : 'blue'}>{label}</Tag>
      <span style={{ color, fontWeight: 600, fontSize: size === 'large' ? 24 : 14, fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
        <ClockCircleOutlined style={{ marginRight: 4 }} />
        {text}
      </span>
    </Space>
  );
}

/** Rule label, with the statistical method when the alert came from a scan. */
export function RuleText({ alert }: { alert: AlertSummary }) {
  const { t, tv } = useI18n();
  const texts = useTexts();
  // The server labels every rule but the manual one, which comes back as its code.
  const label = alert.rule === 'manual' && alert.ruleLabel.zh === 'manual' ? t('alerts.manualRule') : texts(alert.ruleLabel);
  return (
    <span>
      {label}
      {alert.method && <Typography.Text type="secondary"> · {tv('alertMethod', alert.method)}</Typography.Text>}
    </span>
  );
}

export function windowText(w: { from: string; to: string }): string {
  return w.from === w.to ? w.from : `${w.from} – ${w.to}`;
}

export function formatTime(iso: string | null | undefined): string {
  return iso ? formatChinaTime(iso, 'YYYY-MM-DD HH:mm') : '';
}
