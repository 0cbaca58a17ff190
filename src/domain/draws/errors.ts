/** A draw input that cannot be drawn: `code` is an i18n key, `field` names the offending input. */
export type DrawErrorCode =
  | 'draw.seed_invalid'
  | 'draw.seed_too_short'
  | 'draw.commitment_invalid'
  | 'draw.seed_commitment_mismatch'
  | 'draw.count_invalid'
  | 'draw.count_out_of_range'
  | 'draw.too_few_eligible'
  | 'draw.school_invalid'
  | 'draw.school_duplicate'
  | 'draw.date_invalid'
  | 'draw.last_drawn_after_draw_date'
  | 'draw.params_invalid';

export class DrawError extends Error {
  readonly code: DrawErrorCode;
  readonly field: string;
  readonly details: Record<string, unknown>;

  constructor(code: DrawErrorCode, field: string, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'DrawError';
    this.code = code;
    this.field = field;
    this.details = details;
  }
}
