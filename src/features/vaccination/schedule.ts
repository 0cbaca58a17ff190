import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ImmunisationSchedule } from '../../domain/vaccination/check';

// The shipped schedule (reference/immunisation-schedule.json; source in reference/README.md), read once.
let schedule: (ImmunisationSchedule & { name: string; nameEn: string; source: string }) | null = null;

export function immunisationSchedule() {
  schedule ??= JSON.parse(readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../reference/immunisation-schedule.json'), 'utf8'));
  return schedule!;
}
