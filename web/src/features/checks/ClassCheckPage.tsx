import { Alert, Button, Checkbox, DatePicker, Drawer, Flex, InputNumber, List, Radio, Segmented, Space, Tag, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import dayjs from 'dayjs';
import { ApiError } from '../../shared/api/client';
import { chinaToday, formatChinaTime } from '../../shared/china-time';
import { type MessageKey, useI18n } from '../../shared/i18n';
import { ErrorAlert, useErrorText } from '../../shared/ui/errors';
import { type CheckException, type ExceptionStatus, formKey, type RosterEntry, type Session, sendCheck, useCheckForm } from './api';
import { discardCheck, enqueueCheck, flushQueue, useCheckQueue } from './offline';
import { OnlineTeachingBanner } from '../online-teaching/OnlineTeachingBanner';

const EXCEPTION_STATUSES: ExceptionStatus[] = ['absent_ill', 'absent_other', 'present_symptomatic'];
const PRESET = new Set(['on_leave', 'isolated']);
const STATUS_COLOR: Record<string, string> = { absent_ill: 'red', absent_other: 'orange', present_symptomatic: 'gold', on_leave: 'blue', isolated: 'purple' };

function newKey() {
  return `chk-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

/** The class teacher's phone page: the roster, everyone present and well until tapped. */
export function ClassCheckPage() {
  const classId = Number(useParams().classId);
  const { t, locale } = useI18n();
  const errorText = useErrorText();
  const qc = useQueryClient();
  // Today by default; an earlier school day may still be reported (late), so the date can be chosen.
  const [params, setParams] = useSearchParams();
  const date = params.get('date') ?? chinaToday();
  const [session, setSession] = useState<Session>((params.get('session') as Session | null) ?? 'morning');
  const form = useCheckForm(classId, date, session);
  const [marks, setMarks] = useState<Map<number, CheckException>>(new Map());
  const [editing, setEditing] = useState<RosterEntry | null>(null);
  const [result, setResult] = useState<{ kind: 'sent' | 'offline' | 'conflict' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const openedAt = useRef(Date.now());
  const queue = useCheckQueue();

  // The stored check's exceptions become the starting marks, so an edit starts from what was sent.
  useEffect(() => {
    if (!form.data) return;
    const m = new Map<number, CheckException>();
    for (const r of form.data.roster) {
      if ((EXCEPTION_STATUSES as string[]).includes(r.status)) m.set(r.personId, { personId: r.personId, status: r.status as ExceptionStatus, symptoms: r.symptoms, temperature: r.temperature, note: r.note });
    }
    setMarks(m);
    openedAt.current = Date.now();
  }, [form.data]);

  useEffect(() => {
    void flushQueue().then((n) => {
      if (n) void qc.invalidateQueries({ queryKey: ['checks'] });
    });
  }, [qc]);

  const symptomName = useMemo(() => new Map((form.data?.symptoms ?? []).map((s) => [s.code, locale === 'en' ? s.nameEn : s.nameZh])), [form.data, locale]);
  if (form.error) return <ErrorAlert error={form.error} onRetry={() => form.refetch()} />;
  const data = form.data;
  const counts = (() => {
    const c = { expected: data?.roster.length ?? 0, present: 0, ill: 0, other: 0, symptomatic: 0 };
    for (const r of data?.roster ?? []) {
      const m = marks.get(r.personId);
      const status = m?.status ?? r.status;
      if (status === 'absent_ill' || status === 'isolated') c.ill++;
      else if (status === 'absent_other' || status === 'on_leave') c.other++;
      else c.present++;
      if (m && m.status !== 'absent_other' && (m.status === 'present_symptomatic' || (m.symptoms?.length ?? 0) > 0)) c.symptomatic++;
    }
    return c;
  })();

  async function submit(zero: boolean) {
    if (!data) return;
    const body = {
      date, session, version: data.check?.version, zeroReport: zero, exceptions: zero ? [] : [...marks.values()],
      entryMs: Date.now() - openedAt.current, online: navigator.onLine,
    };
    const key = newKey();
    setBusy(true);
    setResult(null);
    try {
      if (!navigator.onLine) throw new ApiError(0, 'network', '');
      await sendCheck(classId, key, body);
      setResult({ kind: 'sent', text: t('checks.sent') });
      await qc.invalidateQueries({ queryKey: formKey(classId, date, session) });
    } catch (err) {
      if (err instanceof ApiError && err.status === 0) {
        enqueueCheck({ key, classId, body: { ...body, online: false }, queuedAt: new Date().toISOString() });
        setResult({ kind: 'offline', text: t('checks.offlineSaved') });
      } else if (err instanceof ApiError && err.status === 409 && err.field === 'version') {
        const current = (err.details as { currentVersion?: number } | undefined)?.currentVersion ?? '?';
        setResult({ kind: 'conflict', text: t('checks.conflict', { version: current }) });
      } else setResult({ kind: 'error', text: errorText(err) });
    } finally {
      setBusy(false);
    }
  }

  const pending = queue.filter((q) => q.classId === classId);
  return (
    <Flex vertical gap={12} data-testid="check-page" style={{ maxWidth: 640 }}>
      <Segmented<Session> data-testid="check-session" value={session} onChange={(v) => { setSession(v); setResult(null); }} block
        options={(data?.sessions ?? [{ session: 'morning' as Session, deadline: '' }]).map((s) => ({ value: s.session, label: t(`checks.session.${s.session}` as MessageKey) }))} />
      {data && (
        <Space direction="vertical" size={4}>
          <Space wrap>
            <DatePicker value={dayjs(date)} allowClear={false} inputReadOnly data-testid="check-date" disabledDate={(d) => d.format('YYYY-MM-DD') > chinaToday()}
              onChange={(d) => { if (d) { setParams({ date: d.format('YYYY-MM-DD') }); setResult(null); } }} />
            <Typography.Text>{data.deadline ? t('checks.deadline', { time: data.deadline }) : ''}</Typography.Text>
          </Space>
          {!data.schoolDay && <Alert type="warning" showIcon message={t('checks.notSchoolDay')} />}
          <OnlineTeachingBanner classId={classId} date={date} />
          {data.lateIfSubmittedNow && !data.check && <Alert type="warning" showIcon message={t('checks.lateNow')} />}
          {data.check && (
            <Alert type="success" showIcon message={<Space wrap>
              {t('checks.submitted', { version: data.check.version, time: formatChinaTime(data.check.submittedAt, 'HH:mm:ss') })}
              {data.check.late && <Tag color="orange">{t('checks.late')}</Tag>}
              {data.check.flags.length > 0 && <Tag color="red">{t('checks.flagged')}</Tag>}
            </Space>} />
          )}
          {data.check && <span data-testid="check-stored" data-version={data.check.version} hidden />}
          <Typography.Text strong data-testid="check-summary">
            {t('checks.summary', { expected: counts.expected, present: counts.present, ill: counts.ill, other: counts.other, symptomatic: counts.symptomatic })}
          </Typography.Text>
          <Typography.Text type="secondary">{t('checks.tapHint')}</Typography.Text>
        </Space>
      )}
      {result && (
        <Alert role="status" type={result.kind === 'sent' ? 'success' : result.kind === 'offline' ? 'info' : 'error'} showIcon message={result.text}
          action={result.kind === 'conflict' ? <Button size="small" onClick={() => { setResult(null); void form.refetch(); }}>{t('checks.reload')}</Button> : undefined} />
      )}
      {result && <span data-testid={result.kind === 'conflict' ? 'check-conflict' : 'check-result'} data-kind={result.kind} hidden />}
      <div data-testid="check-roster">
      <List loading={form.isLoading} bordered dataSource={data?.roster ?? []}
        renderItem={(r) => {
          const m = marks.get(r.personId);
          const status = m?.status ?? (PRESET.has(r.status) ? r.status : 'present');
          return (
            <List.Item data-testid="check-student" data-person-id={r.personId} data-status={status} style={{ cursor: 'pointer', padding: '12px 16px' }} onClick={() => setEditing(r)}>
              <Space direction="vertical" size={0}>
                <Typography.Text strong>{r.name}</Typography.Text>
                <Typography.Text type="secondary">{r.number}</Typography.Text>
              </Space>
              <Space wrap style={{ justifyContent: 'flex-end' }}>
                {(m?.symptoms ?? []).map((s) => <Tag key={s}>{symptomName.get(s) ?? s}</Tag>)}
                {m?.temperature != null && <Tag>{m.temperature} ℃</Tag>}
                <Tag color={STATUS_COLOR[status] ?? 'green'}>{t(`checks.status.${status}` as MessageKey)}</Tag>
              </Space>
            </List.Item>
          );
        }} />
      </div>
      {data?.can.submit && (
        <Flex gap={8} vertical>
          {marks.size === 0 && !data.check && <Button type="primary" size="large" block loading={busy} data-testid="check-zero" onClick={() => submit(true)}>{t('checks.zeroReport')}</Button>}
          {(marks.size > 0 || data.check) && (
            <Button type="primary" size="large" block loading={busy} data-testid="check-submit" onClick={() => submit(marks.size === 0)}>
              {data.check ? t('checks.resubmit') : t('checks.submit', { n: marks.size })}
            </Button>
          )}
        </Flex>
      )}
      {pending.length > 0 && (
        <List size="small" bordered header={<span data-testid="check-queue">{t('checks.queueTitle', { n: pending.length })}</span>} dataSource={pending}
          renderItem={(q) => (
            <List.Item data-testid="check-queue-item" actions={[<Button key="d" size="small" danger onClick={() => discardCheck(q.key)}>{t('checks.discard')}</Button>]}>
              {t('checks.queueItem', { date: q.body.date, session: t(`checks.session.${q.body.session}` as MessageKey), state: q.error ? t('checks.queueFailed', { message: q.error.message }) : t('checks.queueWaiting') })}
            </List.Item>
          )}
          footer={<Button size="small" onClick={() => void flushQueue().then(() => qc.invalidateQueries({ queryKey: ['checks'] }))}>{t('checks.sendNow')}</Button>} />
      )}
      <StudentDrawer entry={editing} mark={editing ? marks.get(editing.personId) : undefined} symptoms={data?.symptoms ?? []} locale={locale}
        onClose={() => setEditing(null)}
        onSave={(m) => {
          const next = new Map(marks);
          if (m) next.set(m.personId, m);
          else if (editing) next.delete(editing.personId);
          setMarks(next);
          setEditing(null);
        }} />
    </Flex>
  );
}

function StudentDrawer({ entry, mark, symptoms, locale, onClose, onSave }: {
  entry: RosterEntry | null; mark: CheckException | undefined; symptoms: Array<{ code: string; nameZh: string; nameEn: string }>; locale: string;
  onClose(): void; onSave(mark: CheckException | null): void;
}) {
  const { t } = useI18n();
  const [status, setStatus] = useState<string>('present');
  const [chosen, setChosen] = useState<string[]>([]);
  const [temperature, setTemperature] = useState<number | null>(null);
  useEffect(() => {
    setStatus(mark?.status ?? 'present');
    setChosen(mark?.symptoms ?? []);
    setTemperature(mark?.temperature ?? null);
  }, [mark, entry]);
  if (!entry) return null;
  const preset = PRESET.has(entry.status) && !mark;
  const feverMissing = chosen.includes('fever') && (temperature == null || temperature < 34 || temperature > 43);
  const symptomsMissing = status === 'present_symptomatic' && chosen.length === 0 && temperature == null;
  return (
    <Drawer open placement="bottom" height="auto" title={entry.name} onClose={onClose} data-testid="check-drawer"
      extra={<Button type="primary" data-testid="check-save-student" disabled={feverMissing || symptomsMissing}
        onClick={() => onSave(status === 'present' ? null : { personId: entry.personId, status: status as ExceptionStatus, symptoms: status === 'absent_other' ? [] : chosen, temperature: status === 'absent_other' ? null : temperature })}>{t('checks.done')}</Button>}>
      {preset && <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('checks.presetLocked', { status: t(`checks.status.${entry.status}` as MessageKey) })} />}
      <Radio.Group value={status} onChange={(e) => setStatus(e.target.value)} style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
        {['present', ...EXCEPTION_STATUSES].map((s) => <Radio key={s} value={s}><span data-testid={`check-status-${s}`}>{t(`checks.status.${s}` as MessageKey)}</span></Radio>)}
      </Radio.Group>
      {status !== 'present' && status !== 'absent_other' && (
        <Space direction="vertical" style={{ marginTop: 16, width: '100%' }}>
          <Typography.Text strong>{t('checks.symptoms')}</Typography.Text>
          <Checkbox.Group value={chosen} onChange={(v) => setChosen(v as string[])} style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
            {symptoms.map((s) => <Checkbox key={s.code} value={s.code}><span data-testid={`check-symptom-${s.code}`}>{locale === 'en' ? s.nameEn : s.nameZh}</span></Checkbox>)}
          </Checkbox.Group>
          {chosen.includes('fever') && (
            <Space>
              <Typography.Text>{t('checks.temperature')}</Typography.Text>
              <span data-testid="check-temperature"><InputNumber min={34} max={43} step={0.1} value={temperature} onChange={(v) => setTemperature(v)} inputMode="decimal" /></span>
            </Space>
          )}
          {feverMissing && <Typography.Text type="danger">{t('checks.temperatureRequired')}</Typography.Text>}
          {symptomsMissing && <Typography.Text type="danger">{t('checks.symptomsRequired')}</Typography.Text>}
        </Space>
      )}
    </Drawer>
  );
}
