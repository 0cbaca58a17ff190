// Group-robot message formats. DingTalk: {msgtype:'markdown', markdown:{title,text}}, optionally signed
// with HMAC-SHA256 of "timestamp\nsecret" (加签). WeCom: {msgtype:'markdown', markdown:{content}}.
// Messages carry no names or health details of persons: a chat group is outside the platform, so the
// text says what happened and where, and links back to the alert for those allowed to see more.
import { createHmac } from 'node:crypto';

export interface RobotMessage {
  title: string;
  lines: string[];
  link?: string | null;
}

export function markdownText(m: RobotMessage): string {
  const body = [`### ${m.title}`, ...m.lines.map((l) => `- ${l}`)];
  if (m.link) body.push('', `[查看详情 / details](${m.link})`);
  return body.join('\n');
}

export function dingTalkPayload(m: RobotMessage) {
  return { msgtype: 'markdown', markdown: { title: m.title, text: markdownText(m) } };
}

export function weComPayload(m: RobotMessage) {
  return { msgtype: 'markdown', markdown: { content: markdownText(m) } };
}

/** DingTalk's signed URL: `timestamp` (ms) and `sign` appended to the robot's webhook URL. */
export function dingTalkSignedUrl(url: string, secret: string | null | undefined, timestampMs: number): string {
  if (!secret) return url;
  const sign = createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64');
  const u = new URL(url);
  u.searchParams.set('timestamp', String(timestampMs));
  u.searchParams.set('sign', sign);
  return u.toString();
}

/** Both robots answer HTTP 200 with {errcode: 0} on success; anything else is a failure to retry. */
export function robotAccepted(status: number, body: unknown): { ok: boolean; error?: string } {
  if (status < 200 || status >= 300) return { ok: false, error: `HTTP ${status}` };
  const code = (body as { errcode?: unknown } | null)?.errcode;
  if (code === undefined || code === 0) return { ok: true };
  return { ok: false, error: `errcode ${String(code)}: ${String((body as { errmsg?: unknown }).errmsg ?? '')}`.slice(0, 300) };
}
