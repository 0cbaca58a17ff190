import type { FormInstance } from 'antd';
import { ApiError } from '../../shared/api/client';

/**
 * The server names the bad field by its JSON path (`toDate`, `doses/3/givenOn`) and its message
 * already names it in the user's language. Puts that message under the form item it belongs to;
 * returns whether a form item took it (else the caller shows it in an alert or toast).
 */
export function showFieldError(form: FormInstance, error: unknown, fields: readonly string[]): boolean {
  if (!(error instanceof ApiError) || !error.field) return false;
  // The first segment of the path the form has: `emergencyAdjustments/testsPerWeek` → testsPerWeek.
  const name = error.field.split(/[./]/).find((part) => fields.includes(part));
  if (!name) return false;
  form.setFields([{ name, errors: [error.message] }]);
  return true;
}

export function newIdempotencyKey(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}
