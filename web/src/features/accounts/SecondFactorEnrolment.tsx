import { Alert, Button, Form, Input, Space, Typography } from 'antd';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { useErrorText } from '../../shared/ui/errors';
import { useConfirmEnrolment, useStartEnrolment } from './second-factor-api';
import { useSecondFactorText } from './second-factor-strings';

/** Ten one-time codes, shown once: the server keeps only their hashes. */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const st = useSecondFactorText();
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Alert type="warning" showIcon title={st('recoveryTitle')} description={st('recoveryIntro')} />
      <pre data-testid="second-factor-recovery-codes" style={{ fontSize: 16, lineHeight: 1.8, background: '#fafafa', padding: 12, margin: 0, columns: 2 }}>
        {codes.join('\n')}
      </pre>
      <Button type="primary" onClick={onDone} data-testid="second-factor-recovery-saved">
        {st('recoverySaved')}
      </Button>
    </Space>
  );
}

/**
 * Enrolment: start (the server makes the secret), scan the QR code or type the key, confirm with a
 * current code, then the recovery codes. `onDone` runs once they have been acknowledged.
 */
export function SecondFactorEnrolment({ onDone }: { onDone: () => void }) {
  const st = useSecondFactorText();
  const errorText = useErrorText();
  const start = useStartEnrolment();
  const confirm = useConfirmEnrolment();
  const [qr, setQr] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const uri = start.data?.uri;

  useEffect(() => {
    if (!uri) return;
    let live = true;
    // Drawn in the browser: the secret never leaves for a QR service.
    void QRCode.toDataURL(uri, { margin: 1, width: 220, errorCorrectionLevel: 'M' }).then((url) => live && setQr(url));
    return () => {
      live = false;
    };
  }, [uri]);

  if (confirm.data) return <RecoveryCodes codes={confirm.data.recoveryCodes} onDone={onDone} />;

  if (!start.data) {
    return (
      <Space orientation="vertical">
        {start.error && <Alert type="error" showIcon title={errorText(start.error)} />}
        <Button type="primary" loading={start.isPending} onClick={() => start.mutate()} data-testid="second-factor-start">
          {st('start')}
        </Button>
      </Space>
    );
  }

  // Shown in groups of four, as apps show typed keys; spaces are ignored when typed in.
  const grouped = start.data.secret.replace(/(.{4})/g, '$1 ').trim();
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Text>{st('scan')}</Typography.Text>
      {qr && <img src={qr} alt="otpauth QR" width={220} height={220} data-testid="second-factor-qr" />}
      <Typography.Text>
        {st('secretLabel')}:{' '}
        <Typography.Text code copyable={{ text: start.data.secret }} data-testid="second-factor-secret">
          {grouped}
        </Typography.Text>
      </Typography.Text>
      <Typography.Text>{st('enterCode')}</Typography.Text>
      {error && <Alert type="error" showIcon title={error} data-testid="second-factor-error" />}
      <Form<{ code: string }>
        layout="inline"
        onFinish={(v) => {
          setError(null);
          confirm.mutate(v.code.trim(), { onError: (e) => setError(errorText(e)) });
        }}
      >
        <Form.Item name="code" rules={[{ required: true, pattern: /^\s*\d{6}\s*$/, message: st('codeRequired') }]}>
          <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} placeholder="123456" style={{ width: 140 }} data-testid="second-factor-code" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={confirm.isPending} data-testid="second-factor-confirm">
          {st('confirm')}
        </Button>
      </Form>
    </Space>
  );
}
