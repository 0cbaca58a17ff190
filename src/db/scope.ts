import { type RawBuilder, sql } from 'kysely';
import type { Scope } from '../domain/access/scope';

/**
 * SQL predicates that express a scope, the same rule as `placeInScope` in the domain core.
 * Every query on personal data adds one of these to its WHERE clause.
 */
export function schoolInScope(scope: Scope, schoolIdColumn: string): RawBuilder<boolean> {
  const col = sql.ref(schoolIdColumn);
  switch (scope.kind) {
    case 'all':
      return sql<boolean>`true`;
    case 'none':
      return sql<boolean>`false`;
    case 'region':
      return sql<boolean>`${col} in (select s.id from schools s join region_closure rc on rc.code = s.region_code where rc.ancestor_code = ${scope.regionCode})`;
    case 'school':
    case 'class':
      return sql<boolean>`${col} = ${scope.schoolId}`;
    case 'schools':
    case 'children': {
      const ids = scope.schoolIds;
      return ids.length ? sql<boolean>`${col} = any(${sql.val(ids)}::bigint[])` : sql<boolean>`false`;
    }
  }
}

/**
 * Person-level predicate on a `persons` row under `alias`: a class teacher sees the class's
 * students and their household members, a parent their own children and their households.
 */
export function personInScope(scope: Scope, alias = 'persons'): RawBuilder<boolean> {
  const school = schoolInScope(scope, `${alias}.school_id`);
  const id = sql.ref(`${alias}.id`);
  const classId = sql.ref(`${alias}.class_id`);
  const householdOf = sql.ref(`${alias}.household_of`);
  switch (scope.kind) {
    case 'class':
      return sql<boolean>`(${school} and (${classId} = ${scope.classId} or ${householdOf} in (select h.id from persons h where h.class_id = ${scope.classId})))`;
    case 'children': {
      if (!scope.personIds.length) return sql<boolean>`false`;
      const ids = sql.val(scope.personIds);
      return sql<boolean>`(${id} = any(${ids}::bigint[]) or ${householdOf} = any(${ids}::bigint[]))`;
    }
    default:
      return school;
  }
}

/** Class-level predicate (for class lists and class checks). */
export function classInScope(scope: Scope, classIdColumn: string, schoolIdColumn: string): RawBuilder<boolean> {
  const school = schoolInScope(scope, schoolIdColumn);
  if (scope.kind === 'class') return sql<boolean>`(${school} and ${sql.ref(classIdColumn)} = ${scope.classId})`;
  if (scope.kind === 'children') {
    if (!scope.personIds.length) return sql<boolean>`false`;
    return sql<boolean>`${sql.ref(classIdColumn)} in (select c.class_id from persons c where c.id = any(${sql.val(scope.personIds)}::bigint[]))`;
  }
  return school;
}

/** Region-level predicate: regions inside a bureau's scope (for roll-ups and region lists). */
export function regionInScope(scope: Scope, regionCodeColumn: string): RawBuilder<boolean> {
  const col = sql.ref(regionCodeColumn);
  switch (scope.kind) {
    case 'all':
      return sql<boolean>`true`;
    case 'region':
      return sql<boolean>`${col} in (select rc.code from region_closure rc where rc.ancestor_code = ${scope.regionCode})`;
    default:
      return sql<boolean>`false`;
  }
}
