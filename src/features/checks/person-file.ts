import type { PersonFileSection } from '../people/person-file-sections';

/** The person's check exceptions (一人一档): every day they were absent or had symptoms. */
export const personChecksSection: PersonFileSection = {
  key: 'checks',
  title: { zh: '晨午检记录', en: 'Daily checks' },
  // Absences and symptoms from the daily checks: as GET /api/checks/classes/:classId.
  readableWith: ['check.read'],
  async load(ctx, _actor, personId) {
    const rows = await ctx.db.selectFrom('check_exceptions').select(['id', 'check_date', 'session', 'status', 'symptoms', 'temperature', 'note'])
      .where('person_id', '=', personId).orderBy('check_date', 'desc').orderBy('session').limit(500).execute();
    return rows.map((r) => ({ id: r.id, date: r.check_date, session: r.session, status: r.status, symptoms: r.symptoms, temperature: r.temperature, note: r.note }));
  },
};
