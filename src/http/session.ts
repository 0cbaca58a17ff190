import { createHash } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { prepared } from '../db/prepared';
import type { AccountsTable, Database } from '../db/tables';
import { type Actor, scopeOf } from '../domain/access/scope';

export const SESSION_COOKIE = 'cg_session';
export const LOCALE_COOKIE = 'cg_locale';
export const ABSOLUTE_LIFETIME_SECONDS = 12 * 3600;
/** Bureau and administrator accounts hold wider data: a shorter idle limit. */
export function idleTimeoutSeconds(role: string): number {
  return ['province_officer', 'city_officer', 'county_officer', 'sysadmin', 'auditor'].includes(role) ? 15 * 60 : 30 * 60;
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** `mustChangePassword`: the account's password was set by an administrator; the session may only change it (app.ts). */
export type SessionState = { actor: Actor; csrfToken: string; mustChangePassword: boolean } | { expired: true } | null;

/** Resolves a session token to its actor; refreshes `last_seen_at` at most once a minute. */
export async function loadSession(db: Kysely<Database>, token: string, now: Date): Promise<SessionState> {
  return (await readSession(db, token, now)).state;
}

async function readSession(db: Kysely<Database>, token: string, now: Date): Promise<{ state: SessionState; expiresAt: number; idleDeadline: number }> {
  const id = hashToken(token);
  const row = await db
    .selectFrom('sessions')
    .innerJoin('accounts', 'accounts.id', 'sessions.account_id')
    .select([
      'sessions.id as session_id',
      'sessions.csrf_token',
      'sessions.expires_at',
      'sessions.last_seen_at',
      'sessions.idle_timeout_seconds',
      'sessions.revoked_at',
      'sessions.second_factor_pending',
      'accounts.id',
      'accounts.username',
      'accounts.display_name',
      'accounts.role',
      'accounts.region_code',
      'accounts.school_id',
      'accounts.class_id',
      'accounts.hospital_id',
      'accounts.can_unmask',
      'accounts.disabled_at',
      'accounts.must_change_password',
    ])
    .where('sessions.id', '=', id)
    .modifyFront(prepared)
    .executeTakeFirst();
  if (!row) return { state: null, expiresAt: 0, idleDeadline: 0 };
  const idleDeadline = new Date(new Date(row.last_seen_at).getTime() + row.idle_timeout_seconds * 1000);
  const expiresAt = new Date(row.expires_at).getTime();
  if (row.revoked_at || row.disabled_at || new Date(row.expires_at) <= now || idleDeadline <= now) return { state: { expired: true }, expiresAt, idleDeadline: 0 };
  if (now.getTime() - new Date(row.last_seen_at).getTime() > 60_000) {
    await db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', id).execute();
  }
  const actor = await actorFor(db, row, id, row.second_factor_pending);
  // The cache may serve this session until the idle limit counted from the last recorded activity.
  const seen = Math.max(new Date(row.last_seen_at).getTime(), now.getTime() - 60_000);
  return { state: { actor, csrfToken: row.csrf_token, mustChangePassword: row.must_change_password }, expiresAt, idleDeadline: seen + row.idle_timeout_seconds * 1000 };
}

/**
 * Resolved sessions kept in memory for a few seconds (SESSION_CACHE_MS, default 5000 on the server,
 * off unless asked for), so an API request does not read its session row: at a class-check peak that
 * read was one of every request's round trips. Bounds: a logout, password change or reset, disabling
 * an account, or a change of an account's role or scope on this instance takes effect at once
 * (forgetCachedSessions); made on another instance or directly in the database, within the cache
 * time. Expiry and the idle limit are checked against the clock on every request, as before; the
 * once-a-minute last_seen_at refresh happens on the next read after the cache time.
 */
interface CachedSession {
  state: { actor: Actor; csrfToken: string; mustChangePassword: boolean };
  expiresAt: number;
  idleDeadline: number;
  /** performance.now() after which the row is read again. */
  freshUntil: number;
}
const sessionCaches = new WeakMap<Kysely<Database>, Map<string, CachedSession>>();
const MAX_CACHED_SESSIONS = 20_000;

export function forgetCachedSessions(): void {
  for (const db of cachedDbs) sessionCaches.get(db)?.clear();
}
const cachedDbs = new Set<Kysely<Database>>();

export async function loadSessionCached(db: Kysely<Database>, token: string, now: Date, cacheMs: number): Promise<SessionState> {
  if (cacheMs <= 0) return loadSession(db, token, now);
  let cache = sessionCaches.get(db);
  if (!cache) {
    sessionCaches.set(db, (cache = new Map()));
    cachedDbs.add(db);
  }
  const hit = cache.get(token);
  const t = now.getTime();
  if (hit && performance.now() < hit.freshUntil && t < hit.expiresAt && t < hit.idleDeadline) return hit.state;
  const read = await readSession(db, token, now);
  const state = read.state;
  // A session that must change its password is read every time: the change, made on any instance, frees it at once.
  if (state && 'actor' in state && !state.mustChangePassword) {
    if (cache.size >= MAX_CACHED_SESSIONS) cache.clear();
    cache.set(token, { state, expiresAt: read.expiresAt, idleDeadline: read.idleDeadline, freshUntil: performance.now() + cacheMs });
  } else cache.delete(token);
  return state;
}

type AccountCore = Pick<Selectable<AccountsTable>, 'id' | 'username' | 'display_name' | 'role' | 'region_code' | 'school_id' | 'class_id' | 'hospital_id' | 'can_unmask'>;

/** `secondFactorPending`: the session may only enrol a second factor (the gate in src/features/second-factor/routes.ts). */
export async function actorFor(db: Kysely<Database>, account: AccountCore, sessionId?: string, secondFactorPending = false): Promise<Actor> {
  const links: { pairedSchoolIds?: number[]; childPersonIds?: number[]; childSchoolIds?: number[] } = {};
  if (account.role === 'hospital_liaison' && account.hospital_id) {
    const rows = await db.selectFrom('school_hospital_pairings').select('school_id').where('hospital_id', '=', account.hospital_id).execute();
    links.pairedSchoolIds = rows.map((r) => r.school_id);
  }
  if (account.role === 'parent') {
    const rows = await db
      .selectFrom('account_children')
      .innerJoin('persons', 'persons.id', 'account_children.person_id')
      .select(['persons.id', 'persons.school_id'])
      .where('account_children.account_id', '=', account.id)
      .execute();
    links.childPersonIds = rows.map((r) => r.id);
    links.childSchoolIds = [...new Set(rows.map((r) => r.school_id))];
  }
  return {
    accountId: account.id,
    username: account.username,
    displayName: account.display_name,
    role: account.role,
    scope: scopeOf(account, links),
    canUnmask: account.can_unmask,
    sessionId,
    ...(secondFactorPending ? { secondFactorPending } : {}),
  };
}
