import { sql } from 'kysely';
import { classInScope, personInScope, schoolInScope } from '../db/scope';
import type { Actor } from '../domain/access/scope';
import type { AppContext } from '../http/context';
import { AppError } from '../http/errors';
import { writeAudit } from './audit/write-audit';

/**
 * Object-level checks shared by every capability: 404 when the object does not exist, 403 (audited)
 * when it exists outside the caller's scope.
 */
async function deny(ctx: AppContext, actor: Actor, objectType: string, id: number | string): Promise<never> {
  await writeAudit(ctx.db, actor, { action: 'access.denied', objectType, objectId: id, result: 'denied' });
  throw new AppError('error.out_of_scope', 403);
}

export async function assertSchoolInScope(ctx: AppContext, actor: Actor, schoolId: number): Promise<void> {
  const row = await ctx.db
    .selectFrom('schools')
    .select([sql<boolean>`${schoolInScope(actor.scope, 'schools.id')}`.as('allowed')])
    .where('id', '=', schoolId)
    .executeTakeFirst();
  if (!row) throw new AppError('error.not_found', 404);
  if (!row.allowed) await deny(ctx, actor, 'school', schoolId);
}

export async function assertClassInScope(ctx: AppContext, actor: Actor, classId: number): Promise<{ schoolId: number }> {
  const row = await ctx.db
    .selectFrom('classes')
    .select(['school_id', sql<boolean>`${classInScope(actor.scope, 'classes.id', 'classes.school_id')}`.as('allowed')])
    .where('id', '=', classId)
    .executeTakeFirst();
  if (!row) throw new AppError('error.not_found', 404);
  if (!row.allowed) await deny(ctx, actor, 'class', classId);
  return { schoolId: row.school_id };
}

export async function assertPersonInScope(ctx: AppContext, actor: Actor, personId: number): Promise<{ schoolId: number; kind: string }> {
  const row = await ctx.db
    .selectFrom('persons')
    .select(['school_id', 'kind', sql<boolean>`${personInScope(actor.scope, 'persons')}`.as('allowed')])
    .where('id', '=', personId)
    .executeTakeFirst();
  if (!row) throw new AppError('error.not_found', 404);
  if (!row.allowed) await deny(ctx, actor, 'person', personId);
  return { schoolId: row.school_id, kind: row.kind };
}
