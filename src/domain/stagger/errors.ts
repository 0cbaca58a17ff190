/** A schedule request that cannot be met: `code` is an i18n key, `field` names the constraint that fails. */
export type StaggerErrorCode =
  | 'stagger.input_invalid'
  | 'stagger.duplicate_id'
  | 'stagger.no_gates'
  | 'stagger.no_canteen_areas'
  | 'stagger.window_invalid'
  | 'stagger.link_unknown_class'
  | 'stagger.class_exceeds_capacity'
  | 'stagger.sibling_group_too_large'
  | 'stagger.sibling_grade_conflict'
  | 'stagger.window_too_short'
  | 'stagger.window_not_met';

export class StaggerError extends Error {
  readonly code: StaggerErrorCode;
  readonly field: string;
  readonly details: Record<string, unknown>;

  constructor(code: StaggerErrorCode, field: string, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'StaggerError';
    this.code = code;
    this.field = field;
    this.details = details;
  }
}
