import { createHash } from 'node:crypto';
import { type PostgresPool, type PostgresPoolClient, sql } from 'kysely';
import type pg from 'pg';

/**
 * Put first in a statement's SQL (`sql\`${prepared} with …\``): on PostgreSQL the statement is then
 * prepared once per connection and its plan reused, instead of parsed and planned on every call.
 * For the hot statements of the morning peak whose text does not change between calls (their data
 * come in as arrays or JSON): the class checks' write, a big statement of a dozen CTEs, spent most of
 * its time in the planner (a batch's write 6.5 ms → 3.6 ms at 400 checks a second, `npm run bench --
 * checks`). Not for every statement: a reused generic plan can be worse than a fresh one when the
 * parameters change the best plan (date ranges over skewed data), which the marked ones cannot.
 * A query built with Kysely's builder takes it with `.modifyFront(prepared)` (after its `select`).
 * PGlite ignores it (the comment is only a comment).
 */
export const prepared = sql.raw('/* prepared */ ');
const MARK = '/* prepared */';

/** Marked: the comment opens the statement, or follows its first keyword (as modifyFront puts it). */
const isMarked = (text: string) => {
  const at = text.indexOf(MARK);
  return at >= 0 && at <= 8;
};

/** Names per connection at most: a statement whose text varies would otherwise fill the server's memory. */
const MAX_PER_CONNECTION = 100;

type Client = pg.PoolClient;
type Query = (text: unknown, values?: unknown) => unknown;

const named = new WeakMap<Client, Map<string, string>>();

/** The name a marked statement runs under on this connection, or null to run it unnamed. */
function nameFor(client: Client, text: string): string | null {
  let names = named.get(client);
  if (!names) named.set(client, (names = new Map()));
  const known = names.get(text);
  if (known) return known;
  if (names.size >= MAX_PER_CONNECTION) return null;
  const name = `cg_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
  names.set(text, name);
  return name;
}

/** A pool whose clients run marked statements as named prepared statements (the pool Kysely is given). */
export function preparingPool(pool: pg.Pool): PostgresPool {
  const wrapped = new WeakMap<Client, PostgresPoolClient>();
  const wrap = (client: Client): PostgresPoolClient => {
    let w = wrapped.get(client);
    if (!w) {
      const query = client.query.bind(client) as Query;
      w = {
        query: ((text: unknown, values?: unknown) => {
          if (typeof text === 'string' && Array.isArray(values) && isMarked(text)) {
            const name = nameFor(client, text);
            if (name) return query({ name, text, values });
          }
          return query(text, values);
        }) as PostgresPoolClient['query'],
        release: (destroy?: boolean) => client.release(destroy),
      };
      wrapped.set(client, w);
    }
    return w;
  };
  return {
    connect: async () => wrap(await pool.connect()),
    end: () => pool.end(),
  };
}
