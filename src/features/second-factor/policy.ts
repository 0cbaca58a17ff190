import type { DbKind } from '../../db/connect';
import type { Role } from '../../db/tables';

declare module 'fastify' {
  interface FastifyInstance {
    /** Whether bureau and administrator accounts must have a second factor (buildApp's requireTotp). */
    requireTotp: boolean;
  }
}

/**
 * Accounts that see a whole region or administer accounts (security.md: ASVS level 3 controls):
 * they must have a second factor when the requirement is on.
 */
export const SECOND_FACTOR_ROLES: readonly Role[] = ['province_officer', 'city_officer', 'county_officer', 'sysadmin'];

export const roleNeedsSecondFactor = (role: Role) => SECOND_FACTOR_ROLES.includes(role);

/**
 * REQUIRE_TOTP=on|off. Unset: on with PostgreSQL (DATABASE_URL, i.e. production), off with the
 * embedded PGlite database, so the demo accounts of `npm start` work without an authenticator app.
 */
export function requireTotpSetting(env: Record<string, string | undefined>, dbKind: DbKind): boolean {
  const value = env.REQUIRE_TOTP?.trim().toLowerCase();
  if (!value) return dbKind === 'postgres';
  if (value === 'on') return true;
  if (value === 'off') return false;
  throw new Error(`REQUIRE_TOTP must be "on" or "off", got "${env.REQUIRE_TOTP}"`);
}
