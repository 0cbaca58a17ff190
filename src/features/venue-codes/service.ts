import { randomBytes } from 'node:crypto';
import QRCode from 'qrcode';
import { sql } from 'kysely';
import type { Static } from 'typebox';
import { regionInScope } from '../../db/scope';
import { inTransaction, type Trx } from '../../db/transaction';
import { can } from '../../domain/access/permissions';
import { type Actor, describeScope } from '../../domain/access/scope';
import { extractVenueToken, signVenueToken, type VenueCheck, venueLink, verifyVenueToken } from '../../domain/venue-codes/venue-token';
import type { AppContext } from '../../http/context';
import { AppError } from '../../http/errors';
import { writeAudit } from '../audit/write-audit';
import { assertSchoolInScope } from '../scope-guard';
import { campusKeys } from './keys';
import { type VenueRowRaw, venueInScope, venueRowQuery } from './queries';
import type { IssueVenueCodeBody, VenueCodeListQuery } from './schema';

const DAY_MS = 86_400_000;

function tokenOf(ctx: AppContext, r: Pick<VenueRowRaw, 'id' | 'expires_at' | 'nonce'>): string {
  return signVenueToken(campusKeys(ctx.cipher).venue, { codeId: r.id, expiresAt: Math.floor(new Date(r.expires_at).getTime() / 1000), nonce: r.nonce });
}

function statusOf(r: VenueRowRaw, now: Date): 'active' | 'revoked' | 'expired' {
  if (r.revoked_at) return 'revoked';
  return new Date(r.expires_at) <= now ? 'expired' : 'active';
}

export function toVenueRow(ctx: AppContext, r: VenueRowRaw, origin: string | null) {
  const status = statusOf(r, ctx.now());
  const token = status === 'active' ? tokenOf(ctx, r) : null;
  return {
    id: r.id, schoolId: r.school_id, schoolName: r.school_name, regionCode: r.region_code, kind: r.kind, name: r.name, status,
    issuedAt: new Date(r.issued_at).toISOString(), expiresAt: new Date(r.expires_at).toISOString(),
    revokedAt: r.revoked_at ? new Date(r.revoked_at).toISOString() : null, revokeReason: r.revoke_reason, replacesId: r.replaces_id,
    token: origin !== null ? token : null, link: origin !== null && token ? venueLink(origin, token) : null,
  };
}

/** 404 when the code does not exist, 403 (audited) when it belongs outside the caller's scope. */
export async function loadVenueCode(ctx: AppContext, actor: Actor, id: number): Promise<VenueRowRaw> {
  const row = await venueRowQuery(ctx.db, actor.scope).where('venue_codes.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('error.not_found', 404);
  if (!row.allowed) {
    await writeAudit(ctx.db, actor, { action: 'access.denied', objectType: 'venue_code', objectId: id, result: 'denied' });
    throw new AppError('error.out_of_scope', 403);
  }
  return row;
}

export async function listVenueCodes(ctx: AppContext, actor: Actor, query: Static<typeof VenueCodeListQuery>, origin: string) {
  let q = venueRowQuery(ctx.db, actor.scope).where(venueInScope(actor.scope));
  if (query.schoolId !== undefined) q = q.where('venue_codes.school_id', '=', query.schoolId);
  if (!query.includeInactive) q = q.where('venue_codes.revoked_at', 'is', null).where('venue_codes.expires_at', '>', ctx.now());
  const rows = await q.orderBy('venue_codes.school_id').orderBy('venue_codes.name').orderBy('venue_codes.id').limit(2000).execute();
  return { items: rows.map((r) => toVenueRow(ctx, r, origin)), can: { manage: can(actor, 'venue_code.manage') } };
}

async function insertCode(trx: Trx, ctx: AppContext, actor: Actor, place: { schoolId: number | null; regionCode: string | null; kind: 'gate' | 'site' | 'bureau_building'; name: string }, validDays: number, replacesId: number | null) {
  const now = ctx.now();
  return trx
    .insertInto('venue_codes')
    .values({
      school_id: place.schoolId, region_code: place.regionCode, kind: place.kind, name: place.name, nonce: randomBytes(9).toString('base64url'),
      issued_at: now, expires_at: new Date(now.getTime() + validDays * DAY_MS), issued_by: actor.accountId, replaces_id: replacesId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function issueVenueCode(ctx: AppContext, actor: Actor, body: Static<typeof IssueVenueCodeBody>, ip: string) {
  const name = body.name.trim();
  if (!name) throw new AppError('validation.required', 400, { field: 'name' });
  if (body.kind === 'bureau_building') {
    if (body.schoolId !== undefined || !body.regionCode) throw new AppError('venue_code.kind_mismatch', 400, { field: body.schoolId !== undefined ? 'schoolId' : 'regionCode' });
    const region = await ctx.db.selectFrom('regions').select([sql<boolean>`${regionInScope(actor.scope, 'regions.code')}`.as('allowed')]).where('code', '=', body.regionCode).executeTakeFirst();
    if (!region) throw new AppError('venue_code.region_unknown', 400, { field: 'regionCode' });
    if (!region.allowed) throw new AppError('error.out_of_scope', 403, { field: 'regionCode' });
  } else {
    if (body.schoolId === undefined) throw new AppError('venue_code.place_required', 400, { field: 'schoolId' });
    if (body.regionCode !== undefined) throw new AppError('venue_code.kind_mismatch', 400, { field: 'regionCode' });
    await assertSchoolInScope(ctx, actor, body.schoolId);
  }
  const place = { schoolId: body.schoolId ?? null, regionCode: body.regionCode ?? null, kind: body.kind, name };
  return inTransaction(ctx.db, async (trx) => {
    const row = await insertCode(trx, ctx, actor, place, body.validDays ?? 365, null);
    await writeAudit(trx, actor, { action: 'venue_code.issue', objectType: 'venue_code', objectId: row.id, detail: { ...place }, ip });
    return { id: row.id };
  });
}

export async function revokeVenueCode(ctx: AppContext, actor: Actor, id: number, reason: string, ip: string) {
  const row = await loadVenueCode(ctx, actor, id);
  if (row.revoked_at) throw new AppError('venue_code.already_revoked', 409);
  await inTransaction(ctx.db, async (trx) => {
    // The `revoked_at is null` guard makes two simultaneous revocations record one.
    const done = await trx.updateTable('venue_codes').set({ revoked_at: ctx.now(), revoked_by: actor.accountId, revoke_reason: reason.trim() }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
    if (!done.numUpdatedRows) throw new AppError('venue_code.already_revoked', 409);
    await writeAudit(trx, actor, { action: 'venue_code.revoke', objectType: 'venue_code', objectId: id, detail: { reason }, ip });
  });
  forgetVenueCode(ctx, id);
}

/** Replaces a code (lost, damaged, leaked or near expiry): the old one stops working at once. */
export async function reissueVenueCode(ctx: AppContext, actor: Actor, id: number, validDays: number, ip: string) {
  const row = await loadVenueCode(ctx, actor, id);
  const result = await inTransaction(ctx.db, async (trx) => {
    const done = await trx.updateTable('venue_codes').set({ revoked_at: ctx.now(), revoked_by: actor.accountId, revoke_reason: 'reissued' }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
    if (!done.numUpdatedRows) throw new AppError('venue_code.already_revoked', 409);
    const place = { schoolId: row.school_id, regionCode: row.region_code, kind: row.kind, name: row.name };
    const fresh = await insertCode(trx, ctx, actor, place, validDays, id);
    await writeAudit(trx, actor, { action: 'venue_code.reissue', objectType: 'venue_code', objectId: fresh.id, detail: { replaces: id }, ip });
    return { id: fresh.id };
  });
  forgetVenueCode(ctx, id);
  return result;
}

export async function venueCodePng(ctx: AppContext, actor: Actor, id: number, origin: string): Promise<Buffer> {
  const row = await loadVenueCode(ctx, actor, id);
  const status = statusOf(row, ctx.now());
  if (status !== 'active') throw new AppError(`venue_code.${status}`, 409);
  // Error correction level M survives a scuffed or partly covered printout at the gate.
  return QRCode.toBuffer(venueLink(origin, tokenOf(ctx, row)), { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: 640 });
}

/**
 * The gate reads the same code thousands of times a morning. Its row (revocation, school, scope) is
 * kept for a few seconds per code and scope: a revocation on this server takes effect at once (the
 * entry is dropped), on other servers of a multi-instance deployment within VENUE_CACHE_MS.
 */
const VENUE_CACHE_MS = 5_000;
const venueCache = new WeakMap<object, Map<string, { at: number; row: VenueRowRaw | undefined }>>();

function cacheOf(ctx: AppContext) {
  let c = venueCache.get(ctx.db);
  if (!c) venueCache.set(ctx.db, (c = new Map()));
  return c;
}

export function forgetVenueCode(ctx: AppContext, id: number): void {
  const c = cacheOf(ctx);
  for (const key of c.keys()) if (key.startsWith(`${id}|`)) c.delete(key);
}

async function cachedVenueRow(ctx: AppContext, actor: Actor, id: number): Promise<VenueRowRaw | undefined> {
  const c = cacheOf(ctx);
  const key = `${id}|${describeScope(actor.scope)}`;
  const now = ctx.now().getTime();
  const hit = c.get(key);
  if (hit && now - hit.at < VENUE_CACHE_MS) return hit.row;
  const row = await venueRowQuery(ctx.db, actor.scope).where('venue_codes.id', '=', id).executeTakeFirst();
  if (c.size > 10_000) c.clear();
  c.set(key, { at: now, row });
  return row;
}

/**
 * The gate scans the same printed code thousands of times a morning: a token whose signature checked
 * out is remembered (per signing key, only genuine tokens, so at most one entry per issued code), and
 * its expiry is still compared with the clock on every scan. Revocation is not part of this: it is
 * read from the row below.
 */
const genuineTokens = new WeakMap<Buffer, Map<string, Extract<VenueCheck, { ok: true }>>>();

function checkSignature(ctx: AppContext, scanned: string, nowMs: number): VenueCheck {
  const key = campusKeys(ctx.cipher).venue;
  let seen = genuineTokens.get(key);
  if (!seen) genuineTokens.set(key, (seen = new Map()));
  // Keyed by the token itself, not the scanned text (a link or the bare token), so one entry per code.
  const token = extractVenueToken(scanned);
  const known = seen.get(token);
  if (!known) {
    const check = verifyVenueToken(key, token, nowMs);
    if (check.ok) {
      if (seen.size >= 10_000) seen.clear();
      seen.set(token, check);
    }
    return check;
  }
  return known.claims.expiresAt * 1000 <= nowMs ? { ok: false, problem: 'expired' } : known;
}

/**
 * Checks a scanned code: signature and expiry from the token itself, revocation and scope from the
 * database. Errors name the cause (forged, expired, revoked) and point at the field.
 */
export async function verifyVenue(ctx: AppContext, actor: Actor, scanned: string, field = 'venueToken') {
  const check = checkSignature(ctx, scanned, ctx.now().getTime());
  if (!check.ok) throw new AppError(`venue_code.${check.problem}`, 400, { field });
  const row = await cachedVenueRow(ctx, actor, check.claims.codeId);
  // A valid signature over an id that is not in the table means the key leaked or the row was lost.
  if (!row || row.nonce !== check.claims.nonce) throw new AppError('venue_code.forged', 400, { field });
  if (row.revoked_at) throw new AppError('venue_code.revoked', 400, { field });
  if (!row.allowed) {
    await writeAudit(ctx.db, actor, { action: 'access.denied', objectType: 'venue_code', objectId: row.id, result: 'denied' });
    throw new AppError('error.out_of_scope', 403, { field });
  }
  return {
    codeId: row.id, schoolId: row.school_id, schoolName: row.school_name, name: row.name, kind: row.kind,
    expiresAt: new Date(row.expires_at).toISOString(),
  };
}
