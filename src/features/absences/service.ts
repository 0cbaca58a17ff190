import type { Static } from 'typebox';
import { inTransaction } from '../../db/transaction';
import { decideReturn, earliestReturn } from '../../domain/absences/policies';
import { can } from '../../domain/access/permissions';
import type { Actor } from '../../domain/access/scope';
import { shanghaiDate } from '../../domain/checks/sessions';
import type { AppContext } from '../../http/context';
import { AppError } from '../../http/errors';
import { type Locale, t } from '../../i18n';
import { schoolDiseases } from '../../reference';
import { evaluateEpisodeRules } from '../alerts/episode-rules';
import { writeAudit } from '../audit/write-audit';
import { assertPersonInScope, assertSchoolInScope } from '../scope-guard';
import { diseaseByCode, episodeQuery, policyFor, toEpisode } from './queries';
import type { EpisodeListQuery, FollowUpBody, QueueQuery, ReturnBody } from './schema';

export const PHOTO_MAX_BYTES = 2 * 1024 * 1024;

async function loadEpisode(ctx: AppContext, actor: Actor, id: number) {
  const owner = await ctx.db.selectFrom('absence_episodes').select('person_id').where('id', '=', id).executeTakeFirst();
  if (!owner) throw new AppError('error.not_found', 404);
  await assertPersonInScope(ctx, actor, owner.person_id);
  return episodeQuery(ctx.db, actor.scope).where('e.id', '=', id).executeTakeFirstOrThrow();
}

function certificateView(c: { id: number; hospital: string; issued_on: string; return_on: string; diagnosis_code: string | null; diagnosis_text: string | null; decision: string; reasons: string[]; earliest_return: string | null; photo_size: number | null; recorded_at: Date }, locale: Locale) {
  return {
    id: c.id, hospital: c.hospital, issuedOn: c.issued_on, returnOn: c.return_on, diagnosisCode: c.diagnosis_code, diagnosisText: c.diagnosis_text, decision: c.decision,
    reasons: c.reasons, reasonTexts: c.reasons.map((r) => t(locale, `return.${r}`)), earliestReturn: c.earliest_return, hasPhoto: c.photo_size != null, recordedAt: c.recorded_at.toISOString(),
  };
}

export async function listEpisodes(ctx: AppContext, actor: Actor, q: Static<typeof EpisodeListQuery>) {
  let query = episodeQuery(ctx.db, actor.scope);
  if (q.schoolId) query = query.where('e.school_id', '=', q.schoolId);
  if (q.status) query = query.where('e.status', '=', q.status);
  const rows = await query.orderBy('e.opened_on', 'desc').orderBy('e.id', 'desc').limit(q.limit ?? 200).execute();
  await writeAudit(ctx.db, actor, { action: 'absence.list', objectType: 'absence_episode', detail: { filter: q, count: rows.length } });
  return { items: rows.map(toEpisode) };
}

/** The school doctor's queue: open episodes whose cause is still unknown; overdue once their first day has ended. */
export async function followUpQueue(ctx: AppContext, actor: Actor, q: Static<typeof QueueQuery>) {
  await assertSchoolInScope(ctx, actor, q.schoolId);
  const today = q.date ?? shanghaiDate(ctx.now());
  const rows = await episodeQuery(ctx.db, actor.scope).where('e.school_id', '=', q.schoolId).where('e.status', '=', 'open')
    .where('e.diagnosis_code', 'is', null).where('e.diagnosis_text', 'is', null).where('e.opened_on', '<=', today).orderBy('e.opened_on').orderBy('e.id').execute();
  await writeAudit(ctx.db, actor, { action: 'absence.queue', objectType: 'school', objectId: q.schoolId, detail: { count: rows.length } });
  return { date: today, items: rows.map((r) => ({ ...toEpisode(r), overdue: r.opened_on < today })) };
}

export async function episodeDetail(ctx: AppContext, actor: Actor, id: number, locale: Locale) {
  const row = await loadEpisode(ctx, actor, id);
  const certs = await ctx.db.selectFrom('return_certificates').select(['id', 'hospital', 'issued_on', 'return_on', 'diagnosis_code', 'diagnosis_text', 'decision', 'reasons', 'earliest_return', 'photo_size', 'recorded_at'])
    .where('episode_id', '=', id).orderBy('id').execute();
  const policy = await policyFor(ctx.db, row.school_id, row.diagnosis_code);
  await writeAudit(ctx.db, actor, { action: 'absence.read', objectType: 'absence_episode', objectId: id });
  return {
    episode: toEpisode(row), certificates: certs.map((c) => certificateView(c, locale)), policy,
    earliestReturn: earliestReturn(policy, { openedOn: row.opened_on, onsetDate: row.onset_date, feverFreeSince: row.fever_free_since }),
    can: { followUp: can(actor, 'absence.followup') },
  };
}

export async function updateFollowUp(ctx: AppContext, actor: Actor, id: number, b: Static<typeof FollowUpBody>, ip?: string) {
  const row = await loadEpisode(ctx, actor, id);
  if (row.status === 'closed') throw new AppError('absence.episode_closed', 409);
  const today = shanghaiDate(ctx.now());
  if (b.diagnosisCode && !diseaseByCode(b.diagnosisCode)) throw new AppError('absence.diagnosis_unknown', 400, { field: 'diagnosisCode' });
  const vocab = new Set(schoolDiseases().symptoms.map((s) => s.code));
  const bad = (b.symptoms ?? []).findIndex((s) => !vocab.has(s));
  if (bad >= 0) throw new AppError('absence.symptom_unknown', 400, { field: `symptoms/${bad}` });
  if (b.onsetDate && b.onsetDate > today) throw new AppError('absence.date_future', 400, { field: 'onsetDate' });
  if (b.guardianContactedAt && new Date(b.guardianContactedAt) > ctx.now()) throw new AppError('absence.date_future', 400, { field: 'guardianContactedAt' });
  if (b.feverFreeSince && new Date(b.feverFreeSince) > ctx.now()) throw new AppError('absence.time_future', 400, { field: 'feverFreeSince' });
  // A return before the absence began is a typo; it would list the child as due back at once.
  if (b.expectedReturn && b.expectedReturn < row.opened_on) throw new AppError('absence.return_before_opened', 400, { field: 'expectedReturn', openedOn: row.opened_on });
  const diagnosis = b.diagnosisCode !== undefined ? b.diagnosisCode : row.diagnosis_code;
  const onset = b.onsetDate !== undefined ? b.onsetDate : row.onset_date;
  const feverFreeSince = b.feverFreeSince !== undefined ? (b.feverFreeSince ? new Date(b.feverFreeSince) : null) : row.fever_free_since;
  // Without a stated expected return, the policy's earliest date is the best estimate.
  const policy = await policyFor(ctx.db, row.school_id, diagnosis);
  const expected = b.expectedReturn !== undefined ? b.expectedReturn : (diagnosis ? earliestReturn(policy, { openedOn: row.opened_on, onsetDate: onset, feverFreeSince }) : row.expected_return);
  return inTransaction(ctx.db, async (trx, afterCommit) => {
    const updated = await trx.updateTable('absence_episodes').set({
      ...(b.guardianContactedAt !== undefined ? { guardian_contacted_at: b.guardianContactedAt ? new Date(b.guardianContactedAt) : null } : {}),
      ...(b.guardianContactMethod !== undefined ? { guardian_contact_method: b.guardianContactMethod } : {}),
      ...(b.symptoms !== undefined ? { symptoms: [...new Set(b.symptoms)] } : {}),
      ...(b.doctorVisit !== undefined ? { doctor_visit: b.doctorVisit } : {}),
      ...(b.hospital !== undefined ? { hospital: b.hospital } : {}),
      ...(b.diagnosisText !== undefined ? { diagnosis_text: b.diagnosisText } : {}),
      diagnosis_code: diagnosis ?? null, onset_date: onset, fever_free_since: feverFreeSince, expected_return: expected,
      version: row.version + 1, updated_at: ctx.now(),
    }).where('id', '=', id).where('version', '=', b.version).where('status', '=', 'open').returning('id').executeTakeFirst();
    if (!updated) throw new AppError('absence.version_conflict', 409, { field: 'version', current: row.version });
    await writeAudit(trx, actor, { action: 'absence.follow_up', objectType: 'absence_episode', objectId: id, detail: { fields: Object.keys(b) }, ip });
    // A new diagnosis can make the case notifiable: the rules run now, with the diagnosis, not at some later check.
    if (diagnosis && diagnosis !== row.diagnosis_code) await evaluateEpisodeRules(trx, ctx, id, afterCommit);
    return { ok: true, version: row.version + 1 };
  });
}

/** Content sniffing: the declared type must match the bytes, and only photos are taken. */
export function checkPhoto(photo: { type: string; dataBase64: string }): Buffer {
  const bytes = Buffer.from(photo.dataBase64, 'base64');
  if (bytes.length > PHOTO_MAX_BYTES) throw new AppError('absence.photo_size', 413, { field: 'photo', limit: PHOTO_MAX_BYTES });
  const jpeg = bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
  const png = bytes.length > 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  if (!((photo.type === 'image/jpeg' && jpeg) || (photo.type === 'image/png' && png))) throw new AppError('absence.photo_type', 400, { field: 'photo' });
  return bytes;
}

/** Records a return certificate and decides on it; only an accepted return closes the episode (R7). */
export async function recordReturn(ctx: AppContext, actor: Actor, id: number, b: Static<typeof ReturnBody>, locale: Locale, ip?: string) {
  const row = await loadEpisode(ctx, actor, id);
  if (row.status === 'closed') throw new AppError('absence.episode_closed', 409);
  const today = shanghaiDate(ctx.now());
  if (b.issuedOn > today) throw new AppError('absence.date_future', 400, { field: 'issuedOn' });
  if (b.diagnosisCode && !diseaseByCode(b.diagnosisCode)) throw new AppError('absence.diagnosis_unknown', 400, { field: 'diagnosisCode' });
  const photo = b.photo ? checkPhoto(b.photo) : null;
  const diagnosis = b.diagnosisCode ?? row.diagnosis_code;
  const policy = await policyFor(ctx.db, row.school_id, diagnosis);
  const decision = decideReturn(policy, { openedOn: row.opened_on, onsetDate: row.onset_date, feverFreeSince: row.fever_free_since }, {
    issuedOn: b.issuedOn, returnOn: b.returnOn, feverFreeHours: b.feverFreeHours ?? null, symptomsResolved: b.symptomsResolved,
    lesionsCrusted: b.lesionsCrusted ?? false, testNegative: b.testNegative ?? false,
  });
  return inTransaction(ctx.db, async (trx, afterCommit) => {
    const cert = await trx.insertInto('return_certificates').values({
      school_id: row.school_id, episode_id: id, person_id: row.person_id, hospital: b.hospital, issued_on: b.issuedOn, return_on: b.returnOn,
      diagnosis_code: b.diagnosisCode ?? null, diagnosis_text: b.diagnosisText ?? null, fever_free_hours: b.feverFreeHours ?? null,
      symptoms_resolved: b.symptomsResolved, lesions_crusted: b.lesionsCrusted ?? false, test_negative: b.testNegative ?? false,
      photo, photo_type: photo ? b.photo!.type : null, photo_size: photo ? photo.length : null,
      decision: decision.accepted ? 'accepted' : 'refused', reasons: decision.reasons, earliest_return: decision.earliestReturn, recorded_by: actor.accountId, recorded_at: ctx.now(),
    }).returning(['id', 'hospital', 'issued_on', 'return_on', 'diagnosis_code', 'diagnosis_text', 'decision', 'reasons', 'earliest_return', 'photo_size', 'recorded_at']).executeTakeFirstOrThrow();
    await trx.updateTable('absence_episodes').set({
      ...(decision.accepted ? { status: 'closed', closed_on: b.returnOn, closed_by_certificate: cert.id } : { expected_return: decision.earliestReturn }),
      ...(b.diagnosisCode && !row.diagnosis_code ? { diagnosis_code: b.diagnosisCode } : {}),
      ...(b.diagnosisText && !row.diagnosis_text ? { diagnosis_text: b.diagnosisText } : {}),
      version: row.version + 1, updated_at: ctx.now(),
    }).where('id', '=', id).execute();
    await writeAudit(trx, actor, { action: 'absence.return', objectType: 'absence_episode', objectId: id, detail: { certificate: cert.id, decision: cert.decision, reasons: decision.reasons }, ip });
    // The certificate's diagnosis becomes the episode's (when it had none): the rules see it now.
    if (b.diagnosisCode && !row.diagnosis_code) await evaluateEpisodeRules(trx, ctx, id, afterCommit);
    const episode = await episodeQuery(trx, actor.scope).where('e.id', '=', id).executeTakeFirstOrThrow();
    return { certificate: certificateView(cert, locale), episode: toEpisode(episode) };
  });
}
