import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { TestEnv } from './context';
import { TEST_PASSWORD } from './factories';

export interface TestSession {
  csrf: string;
  cookie: string;
  request(method: InjectOptions['method'], url: string, payload?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, payload?: unknown): Promise<LightMyRequestResponse>;
}

/** Logs in through the real endpoint and returns a client that sends the session cookie and CSRF header. */
export async function login(env: Pick<TestEnv, 'app'>, username: string, password = TEST_PASSWORD): Promise<TestSession> {
  const res = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'cg_session')!;
  const csrf = res.json().csrfToken as string;
  const session: TestSession = {
    csrf,
    cookie: `cg_session=${cookie.value}`,
    request: (method, url, payload, headers = {}) =>
      env.app.inject({ method, url, payload: payload as InjectOptions['payload'], headers: { cookie: session.cookie, 'x-csrf-token': csrf, ...headers } }),
    get: (url) => session.request('GET', url),
    post: (url, payload) => session.request('POST', url, payload ?? {}),
  };
  return session;
}
