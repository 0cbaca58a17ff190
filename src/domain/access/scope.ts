import type { Role } from '../../db/tables';

/** The part of the hierarchy an account may see. Every query on personal data starts from it. */
export type Scope =
  | { kind: 'all' }
  | { kind: 'region'; regionCode: string }
  | { kind: 'school'; schoolId: number }
  | { kind: 'class'; schoolId: number; classId: number }
  | { kind: 'schools'; schoolIds: number[] }
  | { kind: 'children'; personIds: number[]; schoolIds: number[] }
  | { kind: 'none' };

export interface Actor {
  accountId: number;
  username: string;
  displayName: string;
  role: Role;
  scope: Scope;
  canUnmask: boolean;
  sessionId?: string;
  /** Set on a session that must enrol a second factor before it may do anything else. */
  secondFactorPending?: boolean;
  /** The client address of the request the actor acts in: audit rows fall back to it. */
  ip?: string;
}

export interface AccountScopeFields {
  role: Role;
  region_code: string | null;
  school_id: number | null;
  class_id: number | null;
}

/** Which kind of scope node each role is bound to. */
export const ROLE_SCOPE: Record<Role, 'region' | 'school' | 'class' | 'hospital' | 'children' | 'global'> = {
  province_officer: 'region',
  city_officer: 'region',
  county_officer: 'region',
  school_admin: 'school',
  school_doctor: 'school',
  gate_guard: 'school',
  class_teacher: 'class',
  parent: 'children',
  hospital_liaison: 'hospital',
  auditor: 'region',
  sysadmin: 'global',
};

export const REGION_LEVEL_OF_ROLE: Partial<Record<Role, 'province' | 'city' | 'county'>> = {
  province_officer: 'province',
  city_officer: 'city',
  county_officer: 'county',
};

/**
 * Derives the scope from the account's binding. Hospital liaisons and parents need the lists
 * the database holds (paired schools, linked children); they are passed in.
 */
export function scopeOf(
  account: AccountScopeFields,
  links: { pairedSchoolIds?: number[]; childPersonIds?: number[]; childSchoolIds?: number[] } = {},
): Scope {
  switch (ROLE_SCOPE[account.role]) {
    case 'global':
      return { kind: 'all' };
    case 'region':
      return account.region_code ? { kind: 'region', regionCode: account.region_code } : { kind: 'none' };
    case 'school':
      return account.school_id ? { kind: 'school', schoolId: account.school_id } : { kind: 'none' };
    case 'class':
      return account.school_id && account.class_id
        ? { kind: 'class', schoolId: account.school_id, classId: account.class_id }
        : { kind: 'none' };
    case 'hospital':
      return { kind: 'schools', schoolIds: links.pairedSchoolIds ?? [] };
    case 'children':
      return { kind: 'children', personIds: links.childPersonIds ?? [], schoolIds: links.childSchoolIds ?? [] };
  }
}

/** A school-level object's place: its school and region ancestry (region codes from the school's county up). */
export interface Place {
  schoolId: number;
  regionCodes: string[];
  classId?: number | null;
  personId?: number | null;
  householdOf?: number | null;
}

/** Is an object at `place` inside the scope? The SQL filters in src/db/scope.ts express the same rule. */
export function placeInScope(scope: Scope, place: Place): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'none':
      return false;
    case 'region':
      return place.regionCodes.includes(scope.regionCode);
    case 'school':
      return place.schoolId === scope.schoolId;
    case 'class':
      return place.schoolId === scope.schoolId && (place.classId == null || place.classId === scope.classId);
    case 'schools':
      return scope.schoolIds.includes(place.schoolId);
    case 'children':
      if (place.personId == null && place.householdOf == null) return scope.schoolIds.includes(place.schoolId);
      return (
        (place.personId != null && scope.personIds.includes(place.personId)) ||
        (place.householdOf != null && scope.personIds.includes(place.householdOf))
      );
  }
}

export function describeScope(scope: Scope): string {
  switch (scope.kind) {
    case 'all':
      return 'all';
    case 'none':
      return 'none';
    case 'region':
      return `region:${scope.regionCode}`;
    case 'school':
      return `school:${scope.schoolId}`;
    case 'class':
      return `class:${scope.classId}`;
    case 'schools':
      return `schools:${scope.schoolIds.join(',')}`;
    case 'children':
      return `children:${scope.personIds.join(',')}`;
  }
}
