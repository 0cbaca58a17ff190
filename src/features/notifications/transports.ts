import nodemailer from 'nodemailer';
import { dingTalkPayload, dingTalkSignedUrl, type RobotMessage, robotAccepted, weComPayload } from '../../domain/notifications';
import { notificationConfig } from './config';

/** Result of one delivery attempt. */
export interface SendResult {
  ok: boolean;
  statusCode?: number | null;
  error?: string;
}

export interface Transports {
  email(to: string, subject: string, text: string): Promise<SendResult>;
  robot(kind: 'dingtalk' | 'wecom', endpoint: { url: string; secret: string | null }, message: RobotMessage, now: Date): Promise<SendResult>;
}

let mailer: { url: string; transport: nodemailer.Transporter } | null = null;

function transportFor(url: string) {
  if (mailer?.url !== url) mailer = { url, transport: nodemailer.createTransport(url) };
  return mailer.transport;
}

/** The real transports: SMTP through nodemailer, robots over HTTP(S) with a 10 s timeout. */
export const defaultTransports: Transports = {
  async email(to, subject, text) {
    const { smtpUrl, smtpFrom } = notificationConfig();
    if (!smtpUrl) return { ok: false, error: 'SMTP_URL not configured' };
    try {
      const info = await transportFor(smtpUrl).sendMail({ from: smtpFrom, to, subject, text });
      return info.rejected.length ? { ok: false, error: `rejected: ${info.rejected.join(', ')}` } : { ok: true };
    } catch (err) {
      return { ok: false, error: String((err as Error).message).slice(0, 300) };
    }
  },
  async robot(kind, endpoint, message, now) {
    const url = kind === 'dingtalk' ? dingTalkSignedUrl(endpoint.url, endpoint.secret, now.getTime()) : endpoint.url;
    const body = kind === 'dingtalk' ? dingTalkPayload(message) : weComPayload(message);
    try {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(10_000), redirect: 'error' });
      const text = await res.text();
      let json: unknown = null;
      try {
        json = JSON.parse(text);
      } catch {
        json = null;
      }
      const verdict = robotAccepted(res.status, json);
      return { ok: verdict.ok, statusCode: res.status, error: verdict.error };
    } catch (err) {
      return { ok: false, error: String((err as Error).message).slice(0, 300) };
    }
  },
};
