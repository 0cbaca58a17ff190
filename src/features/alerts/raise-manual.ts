import { shanghaiDay } from './calendar';
import { inTransaction } from '../../db/transaction';
import type { Actor } from '../../domain/access/scope';
import type { AppContext } from '../../http/context';
import { AppError } from '../../http/errors';
import { writeAudit } from '../audit/write-audit';
import { assertClassInScope, assertSchoolInScope } from '../scope-guard';
import { raiseOrMerge } from './queue';

export interface ManualAlertInput {
  schoolId: number;
  classId?: number;
  personIds?: number[];
  level?: 'report' | 'emergency';
  deadline?: 'immediate' | '2h' | '24h';
  disease?: string;
  note: string;
}

/**
 * An alert raised by hand: the 2006 norm also asks schools to report clusters of unexplained illness
 * and cases no rule sees (a doctor's suspicion, a call from a hospital). It joins the same queue and
 * merges with an open manual alert of the same unit.
 */
export async function raiseManualAlert(ctx: AppContext, actor: Actor, b: ManualAlertInput, ip?: string) {
  if (b.classId) {
    const { schoolId } = await assertClassInScope(ctx, actor, b.classId);
    if (schoolId !== b.schoolId) throw new AppError('alert.class_not_in_school', 400, { field: 'classId' });
  } else await assertSchoolInScope(ctx, actor, b.schoolId);
  const personIds = [...new Set(b.personIds ?? [])];
  const now = ctx.now();
  const today = shanghaiDay(now);
  return inTransaction(ctx.db, async (trx, afterCommit) => {
    if (personIds.length) {
      const found = await trx.selectFrom('persons').select('id').where('id', 'in', personIds).where('school_id', '=', b.schoolId).execute();
      if (found.length !== personIds.length) throw new AppError('alert.person_not_in_school', 400, { field: 'personIds' });
    }
    const school = await trx.selectFrom('schools').select('region_code').where('id', '=', b.schoolId).executeTakeFirstOrThrow();
    const result = await raiseOrMerge(trx, now, {
      source: 'rule', rule: 'manual', unitKind: b.classId ? 'class' : 'school', unitId: String(b.classId ?? b.schoolId), schoolId: b.schoolId, classId: b.classId ?? null,
      regionCode: school.region_code, level: b.level ?? 'report', deadline: b.deadline ?? '24h', disease: b.disease ?? null, window: { from: today, to: today }, personIds,
      detail: { raisedBy: actor.accountId },
    }, afterCommit);
    await trx.insertInto('alert_events').values({ alert_id: result.alertId, at: now, actor_id: actor.accountId, action: 'note', from_status: null, to_status: null, note: b.note.trim(), detail: '{}' }).execute();
    await writeAudit(trx, actor, { action: 'alert.raise_manual', objectType: 'alert', objectId: result.alertId, detail: { created: result.created, persons: personIds.length }, ip });
    return { id: result.alertId, created: result.created };
  });
}
