import { QrcodeOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Form, Input, InputNumber, Result, Segmented, Space, Typography } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../shared/ui/errors';
import { type Checks, type EntryResult, type Lookup, type Subject, useLookup, useRecordEntry } from './api';
import { PersonStateCard } from './PersonStateCard';
import { QrScanner } from './QrScanner';
import { useGateText } from './strings';
import { type ActiveVenue, VenueBar } from './VenueBar';
import { joinList } from '../../shared/i18n/punctuation';

type Way = 'studentNumber' | 'idNumber' | 'personCode' | 'visitor';
const NO_CHECKS: Checks = { realNameVerified: false, maskWorn: false, venueCodeScanned: false, travelRecordShown: false };
const newKey = () => (crypto.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`).replace(/[^A-Za-z0-9_-]/g, '');

/**
 * The guard's page (phone first): the gate's venue code, then who is at the gate, the five checks
 * and the temperature, and the decision in large type. Each attempt carries its own idempotency key,
 * so a double tap or a retry on a weak connection records the person once.
 */
export function GatePage() {
  const { g, locale } = useGateText();
  const [venue, setVenue] = useState<ActiveVenue | null>(null);
  const [way, setWay] = useState<Way>('studentNumber');
  const [value, setValue] = useState('');
  const [visitorForm] = Form.useForm();
  const [lookup, setLookup] = useState<Lookup | null>(null);
  const [checks, setChecks] = useState<Checks>(NO_CHECKS);
  const [temperature, setTemperature] = useState<number | null>(null);
  const [result, setResult] = useState<EntryResult | null>(null);
  const [key, setKey] = useState(newKey);
  const [scanning, setScanning] = useState(false);
  const doLookup = useLookup();
  const record = useRecordEntry();

  function reset() {
    setLookup(null);
    setValue('');
    setChecks(NO_CHECKS);
    setTemperature(null);
    setResult(null);
    setKey(newKey());
    visitorForm.resetFields();
    doLookup.reset();
    record.reset();
  }

  function subjectOf(): Subject {
    if (lookup?.person.personId) return { personId: lookup.person.personId };
    if (way === 'studentNumber') return { studentNumber: value.trim() };
    if (way === 'idNumber') return { idNumber: value.trim() };
    return { personCode: value.trim() };
  }

  function onLookup(text = value) {
    if (!venue || !text.trim()) return;
    const subject: Subject = way === 'studentNumber' ? { studentNumber: text.trim() } : way === 'idNumber' ? { idNumber: text.trim() } : { personCode: text.trim() };
    doLookup.mutate({ venueToken: venue.token, subject }, { onSuccess: setLookup });
  }

  async function onRecord(direction: 'in' | 'out') {
    if (!venue) return;
    let subject = subjectOf();
    if (way === 'visitor' && !lookup) subject = { visitor: await visitorForm.validateFields() };
    record.mutate(
      { venueToken: venue.token, direction, subject, ...(direction === 'in' ? { checks, temperature: temperature ?? undefined } : {}), idempotencyKey: key },
      { onSuccess: setResult },
    );
  }

  if (!venue) {
    return (
      <Space orientation="vertical" style={{ width: '100%', maxWidth: 560 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>{g.gateTitle}</Typography.Title>
        <VenueBar value={venue} onChange={setVenue} />
      </Space>
    );
  }

  if (result) {
    const allowed = result.decision === 'allow';
    return (
      <Space orientation="vertical" style={{ width: '100%', maxWidth: 560 }}>
        <VenueBar value={venue} onChange={setVenue} />
        <Card data-testid="gate-result">
          <Result
            status={allowed ? 'success' : 'error'}
            title={<span data-testid="gate-decision" style={{ fontSize: 32 }}>{allowed ? g.allow : g.refuse}</span>}
            subTitle={
              <Space orientation="vertical" size={2}>
                <span>{result.person.name} · {result.direction === 'in' ? g.in : g.out}</span>
                {result.reasons.length > 0 && <span data-testid="gate-reasons">{joinList(locale, result.reasons.map((r) => g.reasons[r]))}</span>}
                {result.notifyDoctor && <strong>{g.doctorNotified}</strong>}
              </Space>
            }
            extra={<Button type="primary" size="large" onClick={reset} data-testid="gate-next">{g.next}</Button>}
          />
        </Card>
      </Space>
    );
  }

  const canRecord = (lookup || way === 'visitor') && temperature !== null;
  return (
    <Space orientation="vertical" style={{ width: '100%', maxWidth: 560 }}>
      <VenueBar value={venue} onChange={setVenue} />
      <Card size="small">
        <Segmented<Way>
          block
          value={way}
          onChange={(w) => { reset(); setWay(w); }}
          data-testid="gate-way"
          options={[
            { value: 'studentNumber', label: g.byNumber },
            { value: 'idNumber', label: g.byIdNumber },
            { value: 'personCode', label: g.byPersonCode },
            { value: 'visitor', label: g.visitor },
          ]}
        />
        {way === 'visitor' ? (
          <Form form={visitorForm} layout="vertical" style={{ marginTop: 12 }} data-testid="gate-visitor-form">
            <Form.Item name="name" label={g.visitorName} rules={[{ required: true }]}><Input /></Form.Item>
            <Form.Item name="idNumber" label={g.visitorIdNumber} rules={[{ required: true }]}><Input inputMode="text" /></Form.Item>
            <Form.Item name="phone" label={g.visitorPhone} rules={[{ required: true }]}><Input inputMode="tel" /></Form.Item>
            <Form.Item name="organisation" label={g.visitorOrganisation}><Input /></Form.Item>
            <Form.Item name="host" label={g.visitorHost} rules={[{ required: true }]}><Input /></Form.Item>
            <Form.Item name="purpose" label={g.visitorPurpose} rules={[{ required: true }]}><Input /></Form.Item>
          </Form>
        ) : (
          <Space.Compact style={{ width: '100%', marginTop: 12 }}>
            <Input size="large" value={value} onChange={(e) => { setValue(e.target.value); setLookup(null); }} onPressEnter={() => onLookup()} data-testid="gate-subject-input" placeholder={way === 'studentNumber' ? g.byNumber : way === 'idNumber' ? g.byIdNumber : g.byPersonCode} />
            {way === 'personCode' && <Button size="large" icon={<QrcodeOutlined />} onClick={() => setScanning(true)}>{g.scan}</Button>}
            <Button size="large" type="primary" onClick={() => onLookup()} loading={doLookup.isPending} data-testid="gate-lookup">{g.lookup}</Button>
          </Space.Compact>
        )}
        <div style={{ marginTop: 8 }}><ErrorAlert error={doLookup.error} /></div>
      </Card>
      {lookup && <PersonStateCard lookup={lookup} />}
      {(lookup || way === 'visitor') && (
        <Card size="small" title={g.checks}>
          <Space orientation="vertical" style={{ width: '100%' }}>
            {(['realNameVerified', 'maskWorn', 'venueCodeScanned', 'travelRecordShown'] as const).map((c) => (
              <Checkbox key={c} checked={checks[c]} onChange={(e) => setChecks({ ...checks, [c]: e.target.checked })} data-testid={`gate-check-${c}`} style={{ fontSize: 16 }}>
                {g[c]}
              </Checkbox>
            ))}
            <Typography.Text strong>{g.temperature}</Typography.Text>
            <InputNumber size="large" style={{ width: '100%' }} step={0.1} precision={1} min={30} max={45} inputMode="decimal" value={temperature} onChange={(v) => setTemperature(v)} placeholder="36.5" data-testid="gate-temperature" />
            <ErrorAlert error={record.error} />
            <Button type="primary" size="large" block disabled={!canRecord} loading={record.isPending} onClick={() => void onRecord('in')} data-testid="gate-submit">{g.recordEntry}</Button>
            {lookup && <Button size="large" block onClick={() => void onRecord('out')} data-testid="gate-exit">{g.recordExit}</Button>}
          </Space>
        </Card>
      )}
      <QrScanner open={scanning} onClose={() => setScanning(false)} onResult={(t) => { setScanning(false); setValue(t); onLookup(t); }} />
    </Space>
  );
}
