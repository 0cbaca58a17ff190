import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { inTransaction } from '../../db/transaction';
import type { Database } from '../../db/tables';
import { type ChainLink, dueEscalationLevel, superiorsOf } from '../../domain/rectification/rules';
import type { AppContext } from '../../http/context';
import { writeAudit } from '../audit/write-audit';
import { regionChainOfSchool, schoolDateOf } from '../governance-dashboard/shared';

/** The school's responsible person, then each region's from the county up, as the grid records them. */
export async function responsibilityChain(db: Kysely<Database>, schoolId: number): Promise<ChainLink[]> {
  const regions = await regionChainOfSchool(db, schoolId);
  const grid = await db
    .selectFrom('grid_responsibilities')
    .select(['unit_type', 'unit_key', 'account_id'])
    .where((eb) => eb.or([eb.and([eb('unit_type', '=', 'school'), eb('unit_key', '=', String(schoolId))]), eb.and([eb('unit_type', '=', 'region'), eb('unit_key', 'in', regions.map((r) => r.code))])]))
    .execute();
  const who = (type: string, key: string) => grid.find((g) => g.unit_type === type && g.unit_key === key)?.account_id ?? null;
  return [{ unit: 'school', key: String(schoolId), accountId: who('school', String(schoolId)) }, ...regions.map((r) => ({ unit: 'region' as const, key: r.code, accountId: who('region', r.code) }))];
}

/**
 * Scheduled job: every finding past its deadline climbs the responsibility chain, one level on the first
 * overdue day and one more every three days. Idempotent (one escalation row per finding and level, row
 * locks), so running it twice, or on two instances at once, escalates once. Wire it to a daily timer.
 */
export async function escalateOverdueFindings(ctx: AppContext): Promise<{ escalated: number }> {
  const now = ctx.now();
  const today = schoolDateOf(now);
  const due = await ctx.db.selectFrom('findings').select(['id']).where('status', '<>', 'closed').where('deadline', '<', today).orderBy('id').execute();
  let escalated = 0;
  for (const { id } of due) {
    escalated += await inTransaction(ctx.db, async (trx) => {
      const f = await trx.selectFrom('findings').select(['id', 'school_id', 'owner_account_id', 'status', 'deadline', 'escalation_level']).where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
      const superiors = superiorsOf(f.owner_account_id, await responsibilityChain(trx, f.school_id));
      const level = dueEscalationLevel(f, today, superiors.length);
      if (level <= f.escalation_level) return 0;
      for (let l = f.escalation_level + 1; l <= level; l++) {
        const to = superiors[l - 1];
        await trx
          .insertInto('governance_escalations')
          .values({ object_type: 'finding', object_id: f.id, school_id: f.school_id, level: l, to_account: to.accountId, to_region: to.unit === 'region' ? to.key : null, at: now })
          .onConflict((oc) => oc.columns(['object_type', 'object_id', 'level']).doNothing())
          .execute();
      }
      const top = superiors[level - 1];
      await trx.updateTable('findings').set({ escalation_level: level, escalated_to: top.accountId, escalated_at: now, version: sql`version + 1` }).where('id', '=', f.id).execute();
      await trx.insertInto('finding_events').values({ finding_id: f.id, kind: 'escalated', account_id: null, note: `level ${level}: ${top.unit} ${top.key}`, at: now }).execute();
      await writeAudit(trx, null, { action: 'finding.escalate', objectType: 'finding', objectId: f.id, detail: { level, toAccount: top.accountId, toUnit: `${top.unit}:${top.key}` } });
      return 1;
    });
  }
  return { escalated };
}
