import { createServer as createHttpServer, type IncomingMessage } from 'node:http';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { inTransaction } from '../../src/db/transaction';
import { evaluateCheckRules } from '../../src/features/alerts/check-rules';
import type { AppContext } from '../../src/http/context';

/** Stores a class check with these persons ill (fever 37.8 °C and cough: not influenza-like) and runs the rules in its transaction, as the checks service does. */
export async function sickCheck(ctx: AppContext, o: { schoolId: number; classId: number; date: string; ill: number[]; session?: 'morning' | 'noon'; symptoms?: string[]; temperature?: number; fail?: boolean }) {
  return inTransaction(ctx.db, async (trx, afterCommit) => {
    const now = ctx.now();
    const session = o.session ?? 'morning';
    const check = await trx.insertInto('class_checks').values({
      school_id: o.schoolId, class_id: o.classId, check_date: o.date, session, expected: 40, present: 40 - o.ill.length, absent_ill: o.ill.length, absent_other: 0,
      symptomatic: 0, submitted_by: null, submitted_at: now, updated_at: now, idempotency_key: null, entry_ms: null,
    }).returning('id').executeTakeFirstOrThrow();
    for (const personId of o.ill) {
      await trx.insertInto('check_exceptions').values({
        check_id: check.id, school_id: o.schoolId, person_id: personId, check_date: o.date, session, status: 'absent_ill',
        symptoms: sql<string[]>`${sql.val(o.symptoms ?? ['fever', 'cough'])}::text[]`, temperature: o.temperature ?? 37.8, note: null,
      }).execute();
    }
    const results = await evaluateCheckRules(trx, ctx, { schoolId: o.schoolId, classId: o.classId, date: o.date, checkId: check.id }, afterCommit);
    if (o.fail) throw new Error('rolled back on purpose');
    return results;
  });
}

/** A minimal SMTP server on loopback that keeps every message it is given. */
export async function startSmtpSink() {
  const messages: Array<{ from: string; to: string[]; data: string }> = [];
  const server = createTcpServer((socket) => {
    let buffer = '';
    let inData = false;
    let current = { from: '', to: [] as string[], data: '' };
    socket.write('220 sink ESMTP\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          current.data = buffer.slice(0, end);
          buffer = buffer.slice(end + 5);
          inData = false;
          messages.push(current);
          current = { from: '', to: [], data: '' };
          socket.write('250 queued\r\n');
          continue;
        }
        const nl = buffer.indexOf('\r\n');
        if (nl < 0) return;
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') socket.write('250 sink\r\n');
        else if (verb === 'MAIL') {
          current.from = line;
          socket.write('250 ok\r\n');
        } else if (verb === 'RCPT') {
          current.to.push(line.replace(/^RCPT TO:\s*<?([^>]*)>?.*$/i, '$1'));
          socket.write('250 ok\r\n');
        } else if (verb === 'DATA') {
          inData = true;
          socket.write('354 go ahead\r\n');
        } else if (verb === 'QUIT') {
          socket.end('221 bye\r\n');
        } else socket.write('250 ok\r\n');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return { url: `smtp://127.0.0.1:${port}`, messages, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** A loopback HTTP receiver standing in for the DingTalk and WeCom robots; `failNext` answers 500 that many times. */
export async function startRobotReceiver() {
  const received: Array<{ path: string; query: URLSearchParams; body: any }> = [];
  const state = { failNext: 0 };
  const server = createHttpServer((req: IncomingMessage, res) => {
    let text = '';
    req.on('data', (c) => (text += c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (state.failNext > 0) {
        state.failNext--;
        res.writeHead(500).end('busy');
        return;
      }
      received.push({ path: url.pathname, query: url.searchParams, body: JSON.parse(text) });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ errcode: 0, errmsg: 'ok' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return { base: `http://127.0.0.1:${port}`, received, state, close: () => new Promise<void>((r) => server.close(() => r())) };
}
