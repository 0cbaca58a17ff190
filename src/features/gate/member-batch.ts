import type { Expression, Kysely, SqlBool } from 'kysely';
import type { Database } from '../../db/tables';
import type { PersonGateState } from '../../domain/gate/decide';
import { AppError } from '../../http/errors';
import type { GatePersonRef } from './identify';
import { inlineStateColumns, loadPersonStates, mergeStates, schoolDate } from './person-state';

/**
 * Group read for the gate's hot path, the counterpart of the group commit in entry-batch.ts. Every
 * entry needs the person (by student number, ID number hash or id, within the venue's school) and
 * their state from the response records; as one statement per entry that costs a planning of the
 * state sub-queries and a round trip each, and at the morning rush those dominated. The look-ups that
 * arrive together are answered by one statement (`… where school_id = $1 and student_number in (…)`),
 * the state columns correlated per row as before. Nothing is cached: each entry reads the state as
 * it is when its batch is read, which is never earlier than its request arrived.
 */
export interface MemberQuery {
  schoolId: number;
  by: 'number' | 'id_number' | 'person_code' | 'person_id';
  /** Student number (trimmed), ID number lookup hash, or person id. */
  value: string | number;
  /** The field named in a 404 or 400 (`subject/studentNumber` …). */
  field: string;
  now: Date;
}

export interface MemberFound {
  ref: GatePersonRef;
  state: PersonGateState;
}

interface Pending {
  query: MemberQuery;
  resolve(found: MemberFound): void;
  reject(err: unknown): void;
}

interface Row {
  id: number;
  school_id: number;
  kind: string;
  name: string;
  id_number_masked: string | null;
  student_number: string | null;
  id_number_hash: string | null;
  grade_name: string | null;
  class_name: string | null;
  [extra: string]: unknown;
}

const MAX_BATCH = 256;

export class MemberReader {
  private pending: Pending[] = [];
  private reading = false;

  constructor(private readonly db: Kysely<Database>) {}

  read(query: MemberQuery): Promise<MemberFound> {
    return new Promise((resolve, reject) => {
      this.pending.push({ query, resolve, reject });
      if (!this.reading) {
        this.reading = true;
        // Let the requests already in flight join this read; later ones join the next while it runs.
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    while (this.pending.length) {
      const batch = this.pending.splice(0, MAX_BATCH);
      try {
        await this.answer(batch);
      } catch (batchError) {
        // A failed statement must not fail the others' entries: read them one by one.
        if (batch.length === 1) batch[0].reject(batchError);
        else for (const p of batch) await this.answer([p]).catch((err) => p.reject(err));
      }
    }
    this.reading = false;
  }

  private async answer(batch: Pending[]): Promise<void> {
    // The state depends on the school day; a batch spanning midnight reads each day's part apart.
    const byDay = new Map<string, Pending[]>();
    for (const p of batch) {
      const day = schoolDate(p.query.now);
      byDay.set(day, [...(byDay.get(day) ?? []), p]);
    }
    const answers: Array<() => void> = [];
    for (const [today, part] of byDay) {
      const at = { now: new Date(Math.max(...part.map((p) => p.query.now.getTime()))), today };
      const found = await readMembers(this.db, part.map((p) => p.query), at);
      for (const [i, p] of part.entries()) {
        const f = found[i];
        answers.push(() => (f instanceof AppError ? p.reject(f) : p.resolve(f)));
      }
    }
    // Settle only once every part has been read, so a retry after a failure never settles twice.
    for (const settle of answers) settle();
  }
}

/** One statement for all the queries (their persons with the inline state columns), then the other sources. */
export async function readMembers(db: Kysely<Database>, queries: MemberQuery[], at: { now: Date; today: string }): Promise<Array<MemberFound | AppError>> {
  const inline = await inlineStateColumns(db, at);
  // Group the wanted keys per school and way, so each group is one index condition.
  const groups = new Map<string, { schoolId: number; column: 'number' | 'hash' | 'id'; values: Set<string | number> }>();
  for (const q of queries) {
    const column = q.by === 'number' ? 'number' : q.by === 'id_number' ? 'hash' : 'id';
    const key = `${q.schoolId}|${column}`;
    const g = groups.get(key) ?? { schoolId: q.schoolId, column, values: new Set() };
    g.values.add(q.value);
    groups.set(key, g);
  }
  const rows = (await db
    .selectFrom('persons')
    .leftJoin('classes', 'classes.id', 'persons.class_id')
    .leftJoin('grades', 'grades.id', 'classes.grade_id')
    .select(['persons.id', 'persons.school_id', 'persons.kind', 'persons.name', 'persons.id_number_masked', 'persons.student_number', 'persons.id_number_hash', 'grades.name as grade_name', 'classes.name as class_name'])
    .select(inline.map((i, k) => i.column.as(`extra_${k}`)))
    .where('persons.active', '=', true)
    .where((eb) => {
      const conditions: Expression<SqlBool>[] = [...groups.values()].map((g) => {
        const values = [...g.values];
        if (g.column === 'number') return eb.and([eb('persons.school_id', '=', g.schoolId), eb('persons.kind', '=', 'student'), eb('persons.student_number', 'in', values as string[])]);
        if (g.column === 'hash') return eb.and([eb('persons.school_id', '=', g.schoolId), eb('persons.id_number_hash', 'in', values as string[])]);
        return eb.and([eb('persons.school_id', '=', g.schoolId), eb('persons.id', 'in', values as number[])]);
      });
      return eb.or(conditions);
    })
    .execute()) as Row[];
  const matches = queries.map((q) => matchRow(rows, q));
  const ids = [...new Set(matches.filter((r): r is Row => !!r && r.kind !== 'co_resident').map((r) => r.id))];
  const others = ids.length ? await loadPersonStates(db, ids, at, new Set(inline.map((i) => i.key))) : new Map<number, PersonGateState>();
  return queries.map((q, i) => {
    const row = matches[i];
    if (!row) return new AppError('gate.person_unknown', 404, { field: q.field });
    if (row.kind === 'co_resident') return new AppError('gate.person_not_member', 400, { field: q.field });
    const ref: GatePersonRef = {
      personId: row.id, visitorId: null, kind: row.kind, name: row.name, idNumberMasked: row.id_number_masked, identifiedBy: q.by,
      className: row.grade_name && row.class_name ? `${row.grade_name}${row.class_name}` : null,
    };
    const state = mergeStates([...inline.map((c, k) => c.read(row[`extra_${k}`])), others.get(row.id) ?? {}]);
    return { ref, state };
  });
}

/** The row a query names; by ID number, students and staff before a co-resident with the same number. */
function matchRow(rows: Row[], q: MemberQuery): Row | undefined {
  let best: Row | undefined;
  for (const r of rows) {
    if (r.school_id !== q.schoolId) continue;
    const hit = q.by === 'number' ? r.kind === 'student' && r.student_number === q.value : q.by === 'id_number' ? r.id_number_hash === q.value : r.id === q.value;
    // Same order as before the batching: `order by kind desc` (student, staff, co_resident).
    if (hit && (!best || r.kind > best.kind)) best = r;
  }
  return best;
}

const readers = new WeakMap<Kysely<Database>, MemberReader>();

export function memberReader(db: Kysely<Database>): MemberReader {
  let r = readers.get(db);
  if (!r) readers.set(db, (r = new MemberReader(db)));
  return r;
}
