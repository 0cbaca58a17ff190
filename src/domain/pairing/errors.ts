/** A pairing request that cannot be solved: `code` is an i18n key, `field` names the offending input. */
export type PairingErrorCode =
  | 'pairing.capacity_insufficient'
  | 'pairing.no_schools'
  | 'pairing.location_invalid'
  | 'pairing.capacity_invalid'
  | 'pairing.duplicate_id'
  | 'pairing.margin_invalid'
  | 'pairing.current_unknown_school';

export class PairingError extends Error {
  readonly code: PairingErrorCode;
  readonly field: string;
  readonly details: Record<string, unknown>;

  constructor(code: PairingErrorCode, field: string, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'PairingError';
    this.code = code;
    this.field = field;
    this.details = details;
  }
}
