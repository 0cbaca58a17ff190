/**
 * The one way the web app talks to the server: JSON in and out, the login cookie, the CSRF
 * header on every state-changing request, and the server's error body turned into an ApiError.
 */

export interface ServerErrorBody {
  error: { code: string; message: string; field?: string; details?: unknown };
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

let csrfToken: string | null = null;

/** Set from the login answer and from /api/me; sent as `x-csrf-token` on POST, PUT, PATCH and DELETE. */
export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Listeners told when the server answers 401 (logged out), so the app can return to the login page. */
const unauthorizedListeners = new Set<() => void>();
export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

export interface RequestOptions {
  method?: string;
  query?: Query;
  /** A plain object is sent as JSON; a Blob/File is sent raw with its own content type. */
  body?: unknown;
  contentType?: string;
  signal?: AbortSignal;
  /** Extra request headers, e.g. `Idempotency-Key` on a class check. */
  headers?: Record<string, string>;
}

async function send(path: string, options: RequestOptions): Promise<Response> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  let body: BodyInit | undefined;
  if (options.body instanceof Blob) {
    body = options.body;
    headers['content-type'] = options.contentType ?? (options.body.type || 'application/octet-stream');
  } else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] = 'application/json';
  }
  if (UNSAFE.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(withQuery(path, options.query), { method, headers, body, credentials: 'same-origin', signal: options.signal });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'network', '');
  }
  if (!response.ok) throw await toApiError(response);
  return response;
}

/**
 * While the account must change the password an administrator set, the server answers every call but
 * the change with 403 `auth.password_change_required`. The app shows the change page from /api/me's
 * flag; a page loaded before the flag was set reloads once, which reads /api/me again and lands there.
 */
function passwordChangeRequired() {
  // At most once in 30 s, across reloads: a call that still fails after the reload must not loop.
  const last = Number(sessionStorage.getItem('cg.passwordChangeReload') ?? 0);
  if (Date.now() - last < 30_000) return;
  sessionStorage.setItem('cg.passwordChangeReload', String(Date.now()));
  window.location.reload();
}

async function toApiError(response: Response): Promise<ApiError> {
  let parsed: ServerErrorBody | null = null;
  try {
    parsed = (await response.json()) as ServerErrorBody;
  } catch {
    parsed = null;
  }
  if (response.status === 401) for (const l of unauthorizedListeners) l();
  const e = parsed?.error;
  if (response.status === 403 && e?.code === 'auth.password_change_required') passwordChangeRequired();
  if (e && typeof e.code === 'string') return new ApiError(response.status, e.code, e.message ?? '', e.field, e.details);
  return new ApiError(response.status, `http.${response.status}`, '');
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(path, options);
  if (response.status === 204) return undefined as T;
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) return undefined as T;
  return (await response.json()) as T;
}

export const get = <T>(path: string, query?: Query) => api<T>(path, { query });
export const post = <T>(path: string, body?: unknown) => api<T>(path, { method: 'POST', body: body ?? {} });
export const put = <T>(path: string, body?: unknown) => api<T>(path, { method: 'PUT', body: body ?? {} });
export const patch = <T>(path: string, body?: unknown) => api<T>(path, { method: 'PATCH', body: body ?? {} });
export const del = <T>(path: string) => api<T>(path, { method: 'DELETE' });

function fileNameFrom(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*=(?:UTF-8'')?([^;]+)/i.exec(disposition);
  if (star) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch {
      /* fall through */
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1] : fallback;
}

/** Fetches a file (export, template) and hands it to the browser as a download. */
export async function download(path: string, query: Query | undefined, fallbackName: string): Promise<void> {
  const response = await send(path, { query });
  const blob = await response.blob();
  const name = fileNameFrom(response.headers.get('content-disposition'), fallbackName);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
