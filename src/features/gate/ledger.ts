import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/tables';
import type { AppContext } from '../../http/context';
import { dayBounds, schoolDate } from './person-state';

export interface LedgerFilter {
  schoolId: number;
  date?: string;
  decision?: 'allow' | 'refuse';
  direction?: 'in' | 'out';
  limit?: number;
  offset?: number;
}

function ledgerQuery(db: Kysely<Database>, f: LedgerFilter, date: string) {
  const { from, to } = dayBounds(date);
  let q = db
    .selectFrom('gate_entries')
    .leftJoin('persons', 'persons.id', 'gate_entries.person_id')
    .leftJoin('classes', 'classes.id', 'persons.class_id')
    .leftJoin('grades', 'grades.id', 'classes.grade_id')
    .leftJoin('visitors', 'visitors.id', 'gate_entries.visitor_id')
    .leftJoin('accounts', 'accounts.id', 'gate_entries.guard_id')
    .leftJoin('gate_doctor_notices', 'gate_doctor_notices.entry_id', 'gate_entries.id')
    .where('gate_entries.school_id', '=', f.schoolId)
    .where('gate_entries.at', '>=', from)
    .where('gate_entries.at', '<', to);
  if (f.decision) q = q.where('gate_entries.decision', '=', f.decision);
  if (f.direction) q = q.where('gate_entries.direction', '=', f.direction);
  return q;
}

/** The entry ledger (出入台账) of one school day, newest first; names as recorded, identifiers masked. */
export async function listLedger(ctx: AppContext, f: LedgerFilter) {
  const date = f.date ?? schoolDate(ctx.now());
  const q = ledgerQuery(ctx.db, f, date);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .select([
      'gate_entries.id', 'gate_entries.at', 'gate_entries.gate_name', 'gate_entries.direction', 'gate_entries.person_id', 'gate_entries.visitor_id',
      'persons.kind', 'persons.name as person_name', 'persons.id_number_masked as person_masked', 'visitors.name as visitor_name', 'visitors.id_number_masked as visitor_masked',
      sql<string | null>`grades.name || classes.name`.as('class_name'),
      'gate_entries.real_name_verified', 'gate_entries.mask_worn', 'gate_entries.venue_code_scanned', 'gate_entries.travel_record_shown', 'gate_entries.temperature',
      'gate_entries.risk_status', 'gate_entries.decision', 'gate_entries.reasons', 'accounts.display_name as guard_name',
      'gate_doctor_notices.id as notice_id', 'gate_doctor_notices.acknowledged_at',
    ])
    .orderBy('gate_entries.at', 'desc')
    .orderBy('gate_entries.id', 'desc')
    .limit(f.limit ?? 200)
    .offset(f.offset ?? 0)
    .execute();
  return {
    date,
    total: Number(total.n),
    items: rows.map((r) => ({
      id: r.id, at: new Date(r.at).toISOString(), gateName: r.gate_name, direction: r.direction, kind: r.kind ?? 'visitor', personId: r.person_id, visitorId: r.visitor_id,
      name: r.person_name ?? r.visitor_name ?? '', className: r.class_name, idNumberMasked: r.person_masked ?? r.visitor_masked,
      realNameVerified: r.real_name_verified, maskWorn: r.mask_worn, venueCodeScanned: r.venue_code_scanned, travelRecordShown: r.travel_record_shown,
      temperature: r.temperature === null ? null : Number(r.temperature), riskStatus: r.risk_status, decision: r.decision, reasons: r.reasons,
      guardName: r.guard_name, noticeId: r.notice_id, noticeAcknowledged: r.notice_id === null ? null : r.acknowledged_at !== null,
    })),
  };
}

export async function headcount(ctx: AppContext, schoolId: number, date?: string) {
  const day = date ?? schoolDate(ctx.now());
  const { from, to } = dayBounds(day);
  const [presence, moves, notices] = await Promise.all([
    ctx.db
      .selectFrom('gate_presence')
      .select([sql<number>`count(*) filter (where subject like 'p:%')`.as('persons'), sql<number>`count(*) filter (where subject like 'v:%')`.as('visitors')])
      .where('school_id', '=', schoolId)
      .where('inside', '=', true)
      .executeTakeFirstOrThrow(),
    ctx.db
      .selectFrom('gate_entries')
      .select([
        sql<number>`count(*) filter (where direction = 'in' and decision = 'allow')`.as('entries'),
        sql<number>`count(*) filter (where direction = 'out')`.as('exits'),
        sql<number>`count(*) filter (where decision = 'refuse')`.as('refused'),
      ])
      .where('school_id', '=', schoolId)
      .where('at', '>=', from)
      .where('at', '<', to)
      .executeTakeFirstOrThrow(),
    ctx.db.selectFrom('gate_doctor_notices').select((eb) => eb.fn.countAll<number>().as('n')).where('school_id', '=', schoolId).where('acknowledged_at', 'is', null).executeTakeFirstOrThrow(),
  ]);
  const persons = Number(presence.persons);
  const visitors = Number(presence.visitors);
  return {
    schoolId, date: day, inside: persons + visitors, insidePersons: persons, insideVisitors: visitors,
    entries: Number(moves.entries), exits: Number(moves.exits), refused: Number(moves.refused), openDoctorNotices: Number(notices.n),
  };
}

/** The visitor log (访客登记) of one day, with the decision at the gate and whether they are still in. */
export async function visitorLog(ctx: AppContext, schoolId: number, date?: string) {
  const day = date ?? schoolDate(ctx.now());
  const { from, to } = dayBounds(day);
  const rows = await ctx.db
    .selectFrom('visitors')
    .leftJoin('gate_presence', (j) => j.onRef('gate_presence.school_id', '=', 'visitors.school_id').on('gate_presence.subject', '=', sql<string>`'v:' || visitors.id`))
    .select([
      'visitors.id', 'visitors.name', 'visitors.id_number_masked', 'visitors.phone_masked', 'visitors.organisation', 'visitors.host', 'visitors.purpose', 'visitors.registered_at',
      'gate_presence.inside',
      sql<string | null>`(select e.decision from gate_entries e where e.visitor_id = visitors.id and e.direction = 'in' order by e.at limit 1)`.as('entry_decision'),
    ])
    .where('visitors.school_id', '=', schoolId)
    .where('visitors.registered_at', '>=', from)
    .where('visitors.registered_at', '<', to)
    .orderBy('visitors.registered_at', 'desc')
    .limit(1000)
    .execute();
  return {
    date: day,
    items: rows.map((r) => ({
      id: r.id, name: r.name, idNumberMasked: r.id_number_masked, phoneMasked: r.phone_masked, organisation: r.organisation, host: r.host, purpose: r.purpose,
      registeredAt: new Date(r.registered_at).toISOString(), entryDecision: r.entry_decision, insideNow: r.inside ?? false,
    })),
  };
}
