/**
 * Recency weighting: schools not drawn recently are more likely to be drawn.
 *   weight = scaleDays + min(daysSinceLastDrawn, capDays)      (never drawn: daysSince = capDays)
 * i.e. proportional to 1 + min(d, cap) / scale. With the defaults (scale 7, cap 28) a school drawn today
 * weighs 7, one drawn a week ago 14, one not drawn for four weeks or more 35: five times as likely as one
 * just drawn. Weights are integers so every re-run computes exactly the same line.
 */
import { DrawError } from './errors';

export interface Weighting {
  scaleDays: number;
  capDays: number;
}

export const DEFAULT_WEIGHTING: Weighting = { scaleDays: 7, capDays: 28 };

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 for a 'YYYY-MM-DD' school date, or null when it is not a real date. */
export function dayNumber(date: string): number | null {
  const m = typeof date === 'string' ? DATE_RE.exec(date) : null;
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return t / 86_400_000;
}

export function validateWeighting(w: Weighting): void {
  for (const key of ['scaleDays', 'capDays'] as const) {
    const v = w[key];
    if (!Number.isInteger(v) || v < 1 || v > 3650) {
      throw new DrawError('draw.params_invalid', `params.weighting.${key}`, `${key} must be an integer from 1 to 3650`);
    }
  }
}

/** Days since the school was last drawn, or null if never. Throws when lastDrawnOn is after drawDate. */
export function daysSinceDrawn(lastDrawnOn: string | null, drawDay: number, field: string): number | null {
  if (lastDrawnOn === null) return null;
  const last = dayNumber(lastDrawnOn);
  if (last === null) throw new DrawError('draw.date_invalid', field, 'lastDrawnOn must be a YYYY-MM-DD date or null');
  if (last > drawDay) {
    throw new DrawError('draw.last_drawn_after_draw_date', field, 'a school cannot have been drawn after the draw date');
  }
  return drawDay - last;
}

export function recencyWeight(daysSince: number | null, w: Weighting): number {
  return w.scaleDays + Math.min(daysSince ?? w.capDays, w.capDays);
}
