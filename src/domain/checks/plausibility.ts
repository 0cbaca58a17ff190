// Flags that make a school look again at a check. They never refuse a submission: a real class can
// have three children at 36.5 °C; the flag only asks a person to confirm.
import type { CheckExceptionInput } from './counts';

export type PlausibilityFlag = 'identical_temperatures' | 'entered_too_fast' | 'fever_without_temperature' | 'everyone_absent';

/** Below this a whole class cannot have been looked at. */
export const MIN_ENTRY_MS = 2000;

export function plausibilityFlags(input: { rosterSize: number; exceptions: CheckExceptionInput[]; entryMs?: number | null; zeroReport?: boolean }): PlausibilityFlag[] {
  const flags: PlausibilityFlag[] = [];
  const temps = input.exceptions.map((e) => e.temperature).filter((t): t is number => t != null);
  if (temps.length >= 3 && temps.every((t) => t === temps[0])) flags.push('identical_temperatures');
  if (input.entryMs != null && input.rosterSize >= 10 && input.entryMs < MIN_ENTRY_MS && !input.zeroReport) flags.push('entered_too_fast');
  if (input.exceptions.some((e) => (e.symptoms ?? []).includes('fever') && e.temperature == null && e.status !== 'absent_other')) flags.push('fever_without_temperature');
  const absent = input.exceptions.filter((e) => e.status !== 'present_symptomatic').length;
  if (input.rosterSize >= 5 && absent === input.rosterSize) flags.push('everyone_absent');
  return flags;
}
