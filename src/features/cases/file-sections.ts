import { sql } from 'kysely';
import { registerPersonFileSection } from '../people/person-file-sections';

/**
 * The person file (一人一档) gains the response sections. The person file itself checks the scope,
 * loads only the sections the actor's permissions open (`readableWith`) and writes the audit row.
 */
export function registerResponseFileSections() {
  registerPersonFileSection({
    key: 'cases',
    title: { zh: '病例', en: 'Cases' },
    // Diagnoses: only those who may list cases (GET /api/cases); not the gate, not parents.
    readableWith: ['case.read'],
    load: (ctx, _actor, personId) =>
      ctx.db.selectFrom('cases').innerJoin('disease_policies as dp', 'dp.id', 'cases.policy_id').select(['cases.id', 'cases.disease', 'cases.status', 'cases.onset_date as onsetDate', 'dp.version as policyVersion']).where('person_id', '=', personId).orderBy('cases.id', 'desc').execute(),
  });
  registerPersonFileSection({
    key: 'contacts',
    title: { zh: '密切接触', en: 'Contacts' },
    // This person's own contact records (the file already checked the person is in scope): the case
    // appears by id only, no name, so a school sees its pupil is a contact of another school's case.
    readableWith: ['case.read'],
    load: (ctx, _actor, personId) =>
      ctx.db.selectFrom('contacts').select(['id', 'case_id as caseId', 'via', 'exposure_from as exposureFrom', 'exposure_to as exposureTo', 'status']).where('person_id', '=', personId).orderBy('id', 'desc').execute(),
  });
  registerPersonFileSection({
    key: 'risk',
    title: { zh: '风险状态记录', en: 'Risk status history' },
    // Reasons name cases, contacts and trips, so case.read or travel.record (a parent's own child);
    // risk.read alone (the gate guard) needs only today's colour, which the gate screen shows.
    readableWith: ['case.read', 'travel.record'],
    load: (ctx, _actor, personId) =>
      ctx.db.selectFrom('risk_status_history').select(['status', 'previous', 'manual', 'reason', 'reasons', 'at']).where('person_id', '=', personId).orderBy('at', 'desc').orderBy('id', 'desc').execute(),
  });
  registerPersonFileSection({
    key: 'isolations',
    title: { zh: '隔离', en: 'Isolations' },
    // Isolation orders: as GET /api/isolations.
    readableWith: ['isolation.read'],
    load: (ctx, _actor, personId) =>
      ctx.db.selectFrom('isolations').select(['id', 'kind', 'starts_on as startsOn', 'planned_end as plannedEnd', 'status', 'released_on as releasedOn', 'release_override as releaseOverride']).where('person_id', '=', personId).orderBy('id', 'desc').execute(),
  });
  registerPersonFileSection({
    key: 'tests',
    title: { zh: '核酸/抗原检测', en: 'Tests' },
    // Test results are health data: as GET /api/test-results.
    readableWith: ['test.read'],
    load: (ctx, _actor, personId) =>
      ctx.db.selectFrom('test_results').select(['test_kind as testKind', 'sampled_on as sampledOn', 'result', 'lab']).where('person_id', '=', personId).orderBy('sampled_on', 'desc').limit(60).execute(),
  });
  registerPersonFileSection({
    key: 'travel',
    title: { zh: '旅居史', en: 'Travel history' },
    // Where the person stayed: those who record it (travel.record) and case investigators (case.read).
    readableWith: ['travel.record', 'case.read'],
    load: (ctx, _actor, personId) =>
      ctx.db.selectFrom('travel_records').select(['region_code as regionCode', 'place', 'from_date as fromDate', 'to_date as toDate', 'residence', 'source']).where('person_id', '=', personId).orderBy('from_date', 'desc').execute(),
  });
  registerPersonFileSection({
    key: 'leave',
    title: { zh: '请假', en: 'Leave' },
    // Leave dates and destinations: as GET /api/leave (school staff, officers, the child's parent).
    readableWith: ['leave.read'],
    load: (ctx, _actor, personId) =>
      ctx.db.selectFrom('leave_requests').select(['id', 'from_date as fromDate', 'to_date as toDate', 'destination', 'status', sql<string | null>`returned_on::text`.as('returnedOn')]).where('person_id', '=', personId).orderBy('from_date', 'desc').execute(),
  });
}
