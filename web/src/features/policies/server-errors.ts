import type { FormInstance } from 'antd';
import { ApiError } from '../../shared/api/client';

export type FieldPath = (string | number)[];

/** `rules/isolation/case/testDays/2` → ['rules', 'isolation', 'case', 'testDays', 2]: the server names fields by JSON path. */
export function pathOf(field: string): FieldPath {
  return field
    .split(/[./]/)
    .filter(Boolean)
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

export interface ServerErrorOptions {
  /** A form may hold a field under another name than the API (a cascader path for a region code). */
  rename?: Record<string, string>;
  /** The field's label as the user sees it, put in place of the JSON path the server's message quotes. */
  label?: (path: FieldPath) => string;
  /** How a label and a message that does not quote the path read together ("复课最短天数：…"). */
  join?: (label: string, message: string) => string;
}

/**
 * Puts the server's refusal under the form field it names. The server's path may go deeper than the
 * form (a test-day index inside a text box), so the longest path the form knows is used. Returns the
 * path and the message with the field's label, or null when the error names no field of this form.
 */
export function showServerError(form: FormInstance, error: unknown, known: (path: FieldPath) => boolean, options: ServerErrorOptions = {}): { path: FieldPath; text: string } | null {
  if (!(error instanceof ApiError) || !error.field) return null;
  const rename = options.rename ?? {};
  const full = pathOf(error.field).map((p) => (typeof p === 'string' ? (rename[p] ?? p) : p));
  for (let n = full.length; n > 0; n--) {
    const path = full.slice(0, n);
    if (!known(path)) continue;
    const label = options.label?.(path);
    const text = !label ? error.message : error.message.includes(error.field) ? error.message.split(error.field).join(label) : (options.join ?? ((l, m) => `${l}: ${m}`))(label, error.message);
    form.setFields([{ name: path, errors: [text] }]);
    return { path, text };
  }
  return null;
}
