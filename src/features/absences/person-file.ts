import type { PersonFileSection } from '../people/person-file-sections';

/** Illness-absence episodes of the person, each with its return certificates and decisions. */
export const personEpisodesSection: PersonFileSection = {
  key: 'absence_episodes',
  title: { zh: '因病缺勤追踪与复课', en: 'Illness absences and returns' },
  // Illness absences, diagnoses and return certificates: as GET /api/absences/episodes.
  readableWith: ['absence.read'],
  async load(ctx, _actor, personId) {
    const episodes = await ctx.db.selectFrom('absence_episodes').select(['id', 'status', 'opened_on', 'last_absent_on', 'symptoms', 'onset_date', 'diagnosis_code', 'diagnosis_text', 'hospital', 'expected_return', 'closed_on'])
      .where('person_id', '=', personId).orderBy('opened_on', 'desc').execute();
    const certs = episodes.length
      ? await ctx.db.selectFrom('return_certificates').select(['id', 'episode_id', 'hospital', 'issued_on', 'return_on', 'decision', 'reasons', 'earliest_return'])
        .where('episode_id', 'in', episodes.map((e) => e.id)).orderBy('id').execute()
      : [];
    return episodes.map((e) => ({
      id: e.id, status: e.status, openedOn: e.opened_on, lastAbsentOn: e.last_absent_on, symptoms: e.symptoms, onsetDate: e.onset_date,
      diagnosisCode: e.diagnosis_code, diagnosisText: e.diagnosis_text, hospital: e.hospital, expectedReturn: e.expected_return, closedOn: e.closed_on,
      returns: certs.filter((c) => c.episode_id === e.id).map((c) => ({ id: c.id, hospital: c.hospital, issuedOn: c.issued_on, returnOn: c.return_on, decision: c.decision, reasons: c.reasons, earliestReturn: c.earliest_return })),
    }));
  },
};
