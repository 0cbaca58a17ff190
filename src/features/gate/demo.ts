import { randomBytes } from 'node:crypto';
import type { AppContext } from '../../http/context';

/**
 * Demo data for the gate: venue codes for the gates of the demo guard's school and a few of the
 * morning's entries, so the gate page, the ledger and the doctor's list are not empty on first start.
 */
export async function seedCampusDemo(ctx: AppContext): Promise<void> {
  const guard = await ctx.db.selectFrom('accounts').select(['id', 'school_id']).where('username', '=', 'guard').executeTakeFirst();
  if (!guard?.school_id) return;
  const schoolId = guard.school_id;
  const now = ctx.now();
  const year = new Date(now.getTime() + 365 * 86_400_000);
  const codes = await ctx.db
    .insertInto('venue_codes')
    .values(['东门', '西门', '食堂'].map((name, i) => ({ school_id: schoolId, kind: i < 2 ? ('gate' as const) : ('site' as const), name, nonce: randomBytes(9).toString('base64url'), issued_at: now, expires_at: year })))
    .returning(['id', 'name'])
    .execute();
  const students = await ctx.db.selectFrom('persons').select('id').where('school_id', '=', schoolId).where('kind', '=', 'student').orderBy('id').limit(12).execute();
  const at = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
  const rows = students.map((s, i) => {
    const fever = i === 5;
    const temperature = fever ? 37.8 : 36.3 + (i % 5) / 10;
    return {
      school_id: schoolId, venue_code_id: codes[i % 2].id, gate_name: codes[i % 2].name, direction: 'in' as const, person_id: s.id, visitor_id: null,
      identified_by: 'number' as const, at: at(60 - i * 3), real_name_verified: true, mask_worn: true, venue_code_scanned: true, travel_record_shown: true,
      temperature, risk_status: 'unknown', decision: fever ? ('refuse' as const) : ('allow' as const), reasons: fever ? ['fever'] : [], guard_id: guard.id,
      idempotency_key: `demo-${s.id}`,
    };
  });
  if (!rows.length) return;
  const entries = await ctx.db.insertInto('gate_entries').values(rows).returning(['id', 'person_id', 'decision', 'at']).execute();
  const inside = entries.filter((e) => e.decision === 'allow');
  if (inside.length) {
    await ctx.db.insertInto('gate_presence').values(inside.map((e) => ({ school_id: schoolId, subject: `p:${e.person_id}`, inside: true, since: e.at }))).execute();
  }
  const fever = entries.find((e) => e.decision === 'refuse');
  if (fever) await ctx.db.insertInto('gate_doctor_notices').values({ school_id: schoolId, entry_id: fever.id, reason: 'fever', created_at: fever.at }).execute();
  await seedSupplies(ctx, schoolId);
}

/** The school's stock room: a delivery three weeks ago and daily use since, so days of cover show (masks run low). */
async function seedSupplies(ctx: AppContext, schoolId: number) {
  const now = ctx.now().getTime();
  const store = await ctx.db.insertInto('supply_stores').values({ school_id: schoolId, name: '校医室', created_at: new Date(now - 30 * 86_400_000) }).returning('id').executeTakeFirstOrThrow();
  const day = (n: number) => new Date(now - n * 86_400_000);
  const rows = [
    { item: 'mask' as const, kind: 'receipt' as const, quantity: 3000, at: day(21) },
    { item: 'disinfectant' as const, kind: 'receipt' as const, quantity: 200, at: day(21) },
    { item: 'thermometer' as const, kind: 'receipt' as const, quantity: 20, at: day(21) },
    { item: 'test_kit' as const, kind: 'receipt' as const, quantity: 500, at: day(21) },
    ...Array.from({ length: 14 }, (_, i) => ({ item: 'mask' as const, kind: 'consumption' as const, quantity: -180, at: day(i + 1) })),
    ...Array.from({ length: 14 }, (_, i) => ({ item: 'disinfectant' as const, kind: 'consumption' as const, quantity: -3, at: day(i + 1) })),
  ];
  await ctx.db.insertInto('supply_movements').values(rows.map((r) => ({ ...r, store_id: store.id, counterpart_id: null, recorded_by: null, idempotency_key: null }))).execute();
}
