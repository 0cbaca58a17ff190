import type { Trx } from '../../db/transaction';
import { addDays } from '../../domain/calendar/dates';

/**
 * Starts a campaign from a template (copied, so editing the template later does not change a
 * running campaign): the same questions and population for the region that switched, due in 3 days.
 */
export async function startCampaignFromTemplate(trx: Trx, o: { templateId: number; regionCode: string; today: string; now: Date; actorId: number | null }): Promise<number | null> {
  const t = await trx.selectFrom('screening_campaigns').select(['name', 'population', 'questions']).where('id', '=', o.templateId).where('status', '=', 'template').executeTakeFirst();
  if (!t) return null;
  const row = await trx
    .insertInto('screening_campaigns')
    .values({
      region_code: o.regionCode, name: t.name, population: t.population, questions: JSON.stringify(t.questions), deadline: addDays(o.today, 3), status: 'open', created_by: o.actorId, created_at: o.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
