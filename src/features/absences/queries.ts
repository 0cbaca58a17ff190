import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/tables';
import { personInScope } from '../../db/scope';
import type { Scope } from '../../domain/access/scope';
import { defaultPolicy, effectivePolicy, GENERAL_POLICY, type ReturnPolicy } from '../../domain/absences/policies';
import { schoolDiseases } from '../../reference';

export function episodeQuery(db: Kysely<Database>, scope: Scope) {
  return db
    .selectFrom('absence_episodes as e')
    .innerJoin('persons', 'persons.id', 'e.person_id')
    .leftJoin('classes', 'classes.id', 'e.class_id')
    .leftJoin('grades', 'grades.id', 'classes.grade_id')
    .selectAll('e')
    .select(['persons.name as person_name', sql<string | null>`grades.name || classes.name`.as('class_name')])
    .where(personInScope(scope, 'persons'));
}

type EpisodeRaw = Awaited<ReturnType<ReturnType<typeof episodeQuery>['executeTakeFirstOrThrow']>>;

export function toEpisode(r: EpisodeRaw) {
  return {
    id: r.id, schoolId: r.school_id, personId: r.person_id, personName: r.person_name, classId: r.class_id, className: r.class_name, kind: r.kind, status: r.status,
    openedOn: r.opened_on, lastAbsentOn: r.last_absent_on, absentSessions: r.absent_sessions, symptoms: r.symptoms, onsetDate: r.onset_date,
    guardianContactedAt: r.guardian_contacted_at?.toISOString() ?? null, guardianContactMethod: r.guardian_contact_method, doctorVisit: r.doctor_visit,
    hospital: r.hospital, diagnosisCode: r.diagnosis_code, diagnosisText: r.diagnosis_text, feverFreeSince: r.fever_free_since?.toISOString() ?? null,
    expectedReturn: r.expected_return, closedOn: r.closed_on, causeKnown: !!(r.diagnosis_code || r.diagnosis_text), version: r.version,
  };
}

export function diseaseByCode(code: string | null | undefined) {
  return code ? schoolDiseases().diseases.find((d) => d.code === code) : undefined;
}

/** The policy for a diagnosis at a school: the nearest province/city override over the shipped default. */
export async function policyFor(db: Kysely<Database>, schoolId: number, diagnosisCode: string | null): Promise<ReturnPolicy> {
  const disease = diseaseByCode(diagnosisCode);
  if (!disease) return GENERAL_POLICY;
  const overrides = await sql<{ min_days_from_onset: number | null; fever_free_hours: number | null; symptom_free_hours: number | null; requires_lesions_crusted: boolean; requires_test_negative: boolean }>`
    select rp.* from schools s join region_closure rc on rc.code = s.region_code join return_policies rp on rp.region_code = rc.ancestor_code
    where s.id = ${schoolId} and rp.disease_code = ${disease.code} order by rc.depth`.execute(db);
  return effectivePolicy(defaultPolicy(disease), overrides.rows.map((o) => ({
    minDaysFromOnset: o.min_days_from_onset, feverFreeHours: o.fever_free_hours, symptomFreeHours: o.symptom_free_hours,
    requiresLesionsCrusted: o.requires_lesions_crusted, requiresTestNegative: o.requires_test_negative,
  })));
}
