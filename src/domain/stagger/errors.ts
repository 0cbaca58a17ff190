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

/**
 * Why a request is refused, as a code with parameters: the domain core writes no user-facing text, so the
 * route words it in the caller's language (`stagger.reason.<reason>` in the stagger messages).
 */
export type StaggerReason =
  | 'clock_format'
  | 'window_required'
  | 'window_no_slot'
  | 'past_midnight'
  | 'whole_number'
  | 'id_required'
  | 'id_twice'
  | 'no_classes'
  | 'none_given'
  | 'grade_range'
  | 'link_pair'
  | 'link_self'
  | 'unknown_class'
  | 'separate_grades'
  | 'phases_list'
  | 'class_too_big'
  | 'siblings_grade'
  | 'siblings_too_many'
  | 'min_slots'
  | 'not_found_within';

/** Lists (class names) are joined by the route in the caller's language. */
export type StaggerParams = Record<string, string | number | string[]>;

export class StaggerError extends Error {
  readonly code: StaggerErrorCode;
  readonly field: string;
  readonly reason: StaggerReason;
  readonly params: StaggerParams;
  readonly details: Record<string, unknown>;

  constructor(code: StaggerErrorCode, field: string, reason: StaggerReason, params: StaggerParams = {}, details: Record<string, unknown> = {}) {
    super(`${code} at ${field}: ${reason} ${JSON.stringify(params)}`);
    this.name = 'StaggerError';
    this.code = code;
    this.field = field;
    this.reason = reason;
    this.params = params;
    this.details = details;
  }
}
