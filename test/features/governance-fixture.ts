import type { TestEnv } from '../harness/context';
import { makeAccount, makeSchool } from '../harness/factories';
import { login, type TestSession } from '../harness/session';

/** A school with its grid (principal → county officer → city officer) and the sessions governance tests use. */
export interface GovernanceWorld {
  schoolId: number;
  otherSchoolId: number;
  principal: { id: number; s: TestSession };
  doctor: { id: number; s: TestSession };
  county: { id: number; s: TestSession };
  city: { id: number; s: TestSession };
}

export async function governanceWorld(env: TestEnv): Promise<GovernanceWorld> {
  const ctx = env.ctx;
  const schoolId = (await makeSchool(ctx, { regionCode: '410105' })).id;
  const otherSchoolId = (await makeSchool(ctx, { regionCode: '410105' })).id;
  const principal = await makeAccount(ctx, { role: 'school_admin', schoolId });
  const doctor = await makeAccount(ctx, { role: 'school_doctor', schoolId });
  const county = await makeAccount(ctx, { role: 'county_officer', regionCode: '410105' });
  const city = await makeAccount(ctx, { role: 'city_officer', regionCode: '410100' });
  await ctx.db
    .insertInto('grid_responsibilities')
    .values([
      { unit_type: 'school', unit_key: String(schoolId), school_id: schoolId, region_code: null, account_id: principal.id, assigned_by: null },
      { unit_type: 'region', unit_key: '410105', school_id: null, region_code: '410105', account_id: county.id, assigned_by: null },
      { unit_type: 'region', unit_key: '410100', school_id: null, region_code: '410100', account_id: city.id, assigned_by: null },
    ])
    .execute();
  return {
    schoolId,
    otherSchoolId,
    principal: { id: principal.id, s: await login(env, principal.username) },
    doctor: { id: doctor.id, s: await login(env, doctor.username) },
    county: { id: county.id, s: await login(env, county.username) },
    city: { id: city.id, s: await login(env, city.username) },
  };
}

/** A tiny valid PNG (1×1). */
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

export function plusDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export async function upload(s: TestSession, url: string, body: Buffer, type: string) {
  return s.request('POST', url, body as unknown as string, { 'content-type': type });
}
