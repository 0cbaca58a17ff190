import { type Kysely, sql } from 'kysely';
import { personInScope } from '../../db/scope';
import type { Database } from '../../db/tables';
import type { Actor } from '../../domain/access/scope';
import type { ReturnProposal } from '../../domain/leave/return-check';

export interface ProposalRow {
  source: 'leave' | 'screening';
  sourceRef: string;
  index: number;
  proposal: ReturnProposal;
  personId: number;
  personName: string;
  personKind: string;
  schoolId: number;
  className: string | null;
  raisedOn: string;
  riskAreas: Array<{ areaId: number; name: string; level: string }>;
  symptoms: boolean;
  decision: null | { decision: 'ordered' | 'dismissed'; isolationId: number | null; reason: string; decidedBy: string; decidedAt: string };
}

/**
 * Every proposal raised by a return from leave or a screening answer, one row per proposal, for the
 * persons in the caller's scope, with its decision if there is one. A decision counts only for the
 * proposal as it was decided: an answer changed since shows its new proposals as undecided.
 */
export async function listProposals(db: Kysely<Database>, actor: Actor, q: { schoolId?: number; status?: 'pending' | 'decided' | 'all'; limit?: number; only?: { source: string; sourceRef: string; index: number } }): Promise<ProposalRow[]> {
  const status = q.status ?? 'pending';
  const r = await sql<{
    source: 'leave' | 'screening'; source_ref: string; idx: number; proposal: ReturnProposal; person_id: number; person_name: string; person_kind: string; school_id: number;
    class_name: string | null; raised_on: string; risk_areas: ProposalRow['riskAreas'] | null; symptoms: boolean;
    decision: 'ordered' | 'dismissed' | null; isolation_id: number | null; reason: string | null; decided_by: string | null; decided_at: Date | null;
  }>`
    with raised as (
      select 'leave'::text as source, l.id::text as source_ref, l.person_id, l.school_id, l.returned_on::text as raised_on,
        l.return_check -> 'proposals' as proposals, l.return_check -> 'riskAreas' as risk_areas, false as symptoms
      from leave_requests l
      where l.status = 'returned' and jsonb_typeof(l.return_check -> 'proposals') = 'array'
      union all
      select 'screening', a.campaign_id::text || ':' || a.person_id::text, a.person_id, a.school_id,
        to_char((a.answered_at at time zone 'UTC') + interval '8 hours', 'YYYY-MM-DD'),
        a.answers -> 'proposals', a.answers -> 'riskAreas', a.symptoms
      from screening_answers a
      where jsonb_typeof(a.answers -> 'proposals') = 'array'
    )
    select r.source, r.source_ref, (e.ordinality - 1)::int as idx, e.value as proposal, p.id as person_id, p.name as person_name, p.kind as person_kind,
      r.school_id, g.name || c.name as class_name, r.raised_on, r.risk_areas, r.symptoms,
      d.decision, d.isolation_id, d.reason, ac.display_name as decided_by, d.decided_at
    from raised r
    cross join lateral jsonb_array_elements(r.proposals) with ordinality as e(value, ordinality)
    join persons p on p.id = r.person_id
    left join classes c on c.id = p.class_id
    left join grades g on g.id = c.grade_id
    left join reentry_decisions d on d.source = r.source and d.source_ref = r.source_ref and d.proposal_index = e.ordinality - 1 and d.proposal = e.value
    left join accounts ac on ac.id = d.decided_by
    where ${personInScope(actor.scope, 'p')}
      ${q.schoolId ? sql`and r.school_id = ${q.schoolId}` : sql``}
      ${q.only ? sql`and r.source = ${q.only.source} and r.source_ref = ${q.only.sourceRef} and e.ordinality - 1 = ${q.only.index}` : sql``}
      ${status === 'pending' ? sql`and d.id is null` : status === 'decided' ? sql`and d.id is not null` : sql``}
    order by r.raised_on desc, p.id, r.source, e.ordinality
    limit ${q.limit ?? 200}`.execute(db);
  return r.rows.map((x) => ({
    source: x.source, sourceRef: x.source_ref, index: Number(x.idx), proposal: x.proposal, personId: Number(x.person_id), personName: x.person_name, personKind: x.person_kind,
    schoolId: Number(x.school_id), className: x.class_name, raisedOn: x.raised_on, riskAreas: x.risk_areas ?? [], symptoms: x.symptoms,
    decision: x.decision ? { decision: x.decision, isolationId: x.isolation_id == null ? null : Number(x.isolation_id), reason: x.reason ?? '', decidedBy: x.decided_by ?? '', decidedAt: new Date(x.decided_at!).toISOString() } : null,
  }));
}
