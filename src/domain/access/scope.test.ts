import { describe, expect, it } from 'vitest';
import { can, permissionsOf } from './permissions';
import { placeInScope, type Place, type Scope, scopeOf } from './scope';

const jinshuiSchool: Place = { schoolId: 1, regionCodes: ['410105', '410100', '410000'], classId: 10, personId: 100 };
const taikangSchool: Place = { schoolId: 2, regionCodes: ['411627', '411600', '410000'], classId: 20, personId: 200 };

describe('scope predicates', () => {
  it.each<[string, Scope, boolean, boolean]>([
    ['all', { kind: 'all' }, true, true],
    ['none', { kind: 'none' }, false, false],
    ['province', { kind: 'region', regionCode: '410000' }, true, true],
    ['city Zhengzhou', { kind: 'region', regionCode: '410100' }, true, false],
    ['county Taikang', { kind: 'region', regionCode: '411627' }, false, true],
    ['school 1', { kind: 'school', schoolId: 1 }, true, false],
    ['class 10', { kind: 'class', schoolId: 1, classId: 10 }, true, false],
    ['class 11', { kind: 'class', schoolId: 1, classId: 11 }, false, false],
    ['paired schools', { kind: 'schools', schoolIds: [2] }, false, true],
    ['own child', { kind: 'children', personIds: [100], schoolIds: [1] }, true, false],
    ['other child', { kind: 'children', personIds: [101], schoolIds: [1] }, false, false],
  ])('%s', (_name, scope, a, b) => {
    expect(placeInScope(scope, jinshuiSchool)).toBe(a);
    expect(placeInScope(scope, taikangSchool)).toBe(b);
  });

  it('a parent sees the household of the own child', () => {
    expect(placeInScope({ kind: 'children', personIds: [100], schoolIds: [1] }, { schoolId: 1, regionCodes: [], personId: 555, householdOf: 100 })).toBe(true);
  });

  it.each<[Parameters<typeof scopeOf>[0], Scope['kind']]>([
    [{ role: 'county_officer', region_code: '410105', school_id: null, class_id: null }, 'region'],
    [{ role: 'county_officer', region_code: null, school_id: null, class_id: null }, 'none'],
    [{ role: 'class_teacher', region_code: null, school_id: 1, class_id: 10 }, 'class'],
    [{ role: 'class_teacher', region_code: null, school_id: 1, class_id: null }, 'none'],
    [{ role: 'school_doctor', region_code: null, school_id: 1, class_id: null }, 'school'],
    [{ role: 'sysadmin', region_code: null, school_id: null, class_id: null }, 'all'],
    [{ role: 'hospital_liaison', region_code: null, school_id: null, class_id: null }, 'schools'],
    [{ role: 'parent', region_code: null, school_id: null, class_id: null }, 'children'],
  ])('binds %o to a %s scope', (account, kind) => {
    expect(scopeOf(account).kind).toBe(kind);
  });
});

describe('permissions', () => {
  it('keeps health data from the system administrator and the auditor', () => {
    expect(can({ role: 'sysadmin', canUnmask: true }, 'person.read')).toBe(false);
    expect(can({ role: 'auditor', canUnmask: true }, 'person.read')).toBe(false);
    expect(permissionsOf({ role: 'auditor', canUnmask: false })).toContain('audit.read');
  });
  it('needs the unmask flag as well as the role', () => {
    expect(can({ role: 'school_doctor', canUnmask: false }, 'person.unmask')).toBe(false);
    expect(can({ role: 'school_doctor', canUnmask: true }, 'person.unmask')).toBe(true);
    expect(can({ role: 'gate_guard', canUnmask: true }, 'person.unmask')).toBe(false);
  });
  it('nobody but the auditor reads the audit log', () => {
    for (const role of ['province_officer', 'sysadmin', 'school_admin'] as const) expect(can({ role, canUnmask: false }, 'audit.read')).toBe(false);
  });
});
