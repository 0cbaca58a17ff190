import { sql } from 'kysely';
import { registerPersonFileSection } from '../people/person-file-sections';

/**
 * The person file (一人一档) gains the response sections. The person file itself checks the scope
 * and writes the audit row before these load.
 */
export function registerResponseFileSections() {
  registerPersonFileSection({
    key: 'cases',
    title: { zh: '病例', en: 'Cases' },
    load: (ctx, _actor, personId) =>
      ctx.db.selectFrom('cases').innerJoin('disease_policies as dp', 'dp.id', 'cases.policy_id').select(['cases.id', 'cases.disease', 'cases.status', 'cases.onset_date as onsetDate', 'dp.version as policyVersion']).where('person_id', '=', personId).orderBy('cases.id', 'desc').execute(),
  });
  registerPersonFileSection({
    key: 'contacts',
    title: { zh: '密切接触', en: 'Contacts' },
    load: (ctx, _actor, personId) =>
      ctx.db.selectFrom('contacts').select(['id', 'case_id as caseId', 'via', 'exposure_from as exposureFrom', 'exposure_to as exposureTo', 'status']).where('person_id', '=', personId).orderBy('id', 'desc').execute(),
  });
  registerPersonFileSection({
    key: 'risk',
    title: { zh: '风险状态记录', en: 'Risk status history' },
    load: (ctx, _actor, personId) =>
      ctx.db.selectFrom('risk_status_history').select(['status', 'previous', 'manual', 'reason', 'reasons', 'at']).where('person_id', '=', personId).orderBy('at', 'desc').orderBy('id', 'desc').execute(),
  });
  registerPersonFileSection({
    key: 'isolations',
    title: { zh: '隔离', en: 'Isolations' },
    load: (ctx, _actor, personId) =>
      ctx.db.selectFrom('isolations').select(['id', 'kind', 'starts_on as startsOn', 'planned_end as plannedEnd', 'status', 'released_on as releasedOn', 'release_override as releaseOverride']).where('person_id', '=', personId).orderBy('id', 'desc').execute(),
  });
  registerPersonFileSection({
    key: 'tests',
    title: { zh: '核酸/抗原检测', en: 'Tests' },
    load: (ctx, _actor, personId) =>
      ctx.db.selectFrom('test_results').select(['test_kind as testKind', 'sampled_on as sampledOn', 'result', 'lab']).where('person_id', '=', personId).orderBy('sampled_on', 'desc').limit(60).execute(),
  });
  registerPersonFileSection({
    key: 'travel',
    title: { zh: '旅居史', en: 'Travel history' },
    load: (ctx, _actor, personId) =>
      ctx.db.selectFrom('travel_records').select(['region_code as regionCode', 'place', 'from_date as fromDate', 'to_date as toDate', 'residence', 'source']).where('person_id', '=', personId).orderBy('from_date', 'desc').execute(),
  });
  registerPersonFileSection({
    key: 'leave',
    title: { zh: '请假', en: 'Leave' },
    load: (ctx, _actor, personId) =>
      ctx.db.selectFrom('leave_requests').select(['id', 'from_date as fromDate', 'to_date as toDate', 'destination', 'status', sql<string | null>`returned_on::text`.as('returnedOn')]).where('person_id', '=', personId).orderBy('from_date', 'desc').execute(),
  });
}
