import { sql } from 'kysely';
import { personInScope } from '../../db/scope';
import type { Actor } from '../../domain/access/scope';
import type { AppContext } from '../../http/context';
import { AppError } from '../../http/errors';
import { writeAudit } from '../audit/write-audit';

/**
 * Seeing a case does not open every contact on it: a contact may be a child of another school (an
 * officer added them) or of another class. Each contact is visible and actionable only when its
 * person is in the caller's scope, the same rule as GET /api/people/:id.
 */
export async function contactsWithScope(ctx: AppContext, actor: Actor, caseId: number, contactIds: number[]) {
  if (!contactIds.length) return [];
  return ctx.db
    .selectFrom('contacts as k')
    .innerJoin('persons', 'persons.id', 'k.person_id')
    .select(['k.id', 'k.person_id', 'k.status', sql<boolean>`${personInScope(actor.scope, 'persons')}`.as('allowed')])
    .where('k.case_id', '=', caseId)
    .where('k.id', 'in', contactIds)
    .execute();
}

/** Refuses contacts outside the caller's scope: 403, audited as a refusal (outside any transaction, so the record stays). */
export async function denyContacts(ctx: AppContext, actor: Actor, caseId: number, contactIds: number[], ip: string): Promise<never> {
  const one = contactIds.length === 1;
  await writeAudit(ctx.db, actor, {
    action: 'access.denied', objectType: one ? 'contact' : 'case', objectId: one ? contactIds[0] : caseId, result: 'denied', detail: { caseId, contactIds }, ip,
  });
  throw new AppError('error.out_of_scope', 403);
}

/** How many contacts of a case the caller may not see: a number only, so a list can say "n more, handled by their own school". */
export async function withheldContacts(ctx: AppContext, caseId: number, visible: number) {
  const all = await ctx.db.selectFrom('contacts').select((eb) => eb.fn.countAll<number>().as('n')).where('case_id', '=', caseId).executeTakeFirstOrThrow();
  return Math.max(0, Number(all.n) - visible);
}
