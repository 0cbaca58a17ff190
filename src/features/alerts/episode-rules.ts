import { sql } from 'kysely';
import type { AfterCommit, Trx } from '../../db/transaction';
import { NEW_ILLNESS_GAP_DAYS } from '../../domain/alerts';
import { addDays } from '../../domain/calendar';
import type { AppContext } from '../../http/context';
import { shanghaiDay } from './calendar';
import { evaluateCheckRulesBatch } from './check-rules';
import type { QueueResult } from './queue';

/** Calendar days read back from the episode's opening for the reports that started its illness. */
const LOOKBACK_DAYS = 21;

/**
 * The early-warning rules after a diagnosis is set or changed on an illness episode (a doctor's
 * follow-up or a return certificate), in the caller's transaction, as a check edit evaluates them: a
 * diagnosis can make a case notifiable (the single-case rule, deadline immediate) or count it for a
 * disease's thresholds, and no check may come after it to run the rules. Evaluated on each day the
 * person was reported in this illness, from its first report (a symptomatic check can come before the
 * absence that opened the episode) up to today: the single-case and one-day rules fire on the case's
 * first day, the window rules on any day after. The queue merges what earlier evaluations raised, so
 * only what the diagnosis changes is raised, with its deadline counted from now.
 */
export async function evaluateEpisodeRules(trx: Trx, ctx: AppContext, episodeId: number, afterCommit?: AfterCommit): Promise<QueueResult[]> {
  const e = await trx.selectFrom('absence_episodes as e').innerJoin('persons as p', 'p.id', 'e.person_id')
    .select(['e.school_id', 'e.person_id', 'e.opened_on', 'e.last_absent_on', 'e.kind', 'p.class_id']).where('e.id', '=', episodeId).executeTakeFirst();
  if (e?.kind !== 'illness' || e.class_id == null) return [];
  const today = shanghaiDay(ctx.now());
  const to = e.last_absent_on < today ? e.last_absent_on : today;
  const reports = await sql<{ day: string }>`
    select distinct check_date::text as day from check_exceptions
    where person_id = ${e.person_id} and school_id = ${e.school_id} and status in ('absent_ill', 'present_symptomatic')
      and check_date between ${addDays(e.opened_on, -LOOKBACK_DAYS)}::date and ${to}::date
    order by 1`.execute(trx);
  // The illness's first report: walk back from the opening while the reports continue it (as casesFrom does).
  const days = reports.rows.map((r) => r.day);
  let first = e.opened_on;
  for (const d of [...days].reverse()) if (d < first && d >= addDays(first, -NEW_ILLNESS_GAP_DAYS)) first = d;
  const dates = days.filter((d) => d >= first);
  if (!dates.length) return [];
  const events = dates.map((date) => ({ schoolId: Number(e.school_id), classId: Number(e.class_id), date, personIds: [Number(e.person_id)] }));
  return evaluateCheckRulesBatch(trx, ctx, events, afterCommit);
}
