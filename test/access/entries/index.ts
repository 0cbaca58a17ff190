import type { MatrixEntry } from '../entry';
import { alertEntries } from './alerts';
import { campusEntries } from './campus';
import { dailyMonitoringEntries } from './daily-monitoring';
import { foundationEntries } from './foundation';
import { governanceEntries } from './governance';
import { responseEntries } from './response';
import { rosterEntries } from './roster';
import { secondFactorEntries } from './second-factor';

/** Every capability's matrix entries, one line each. */
export const allEntries: MatrixEntry[] = [...foundationEntries, ...governanceEntries, ...campusEntries, ...responseEntries, ...alertEntries, ...dailyMonitoringEntries, ...rosterEntries, ...secondFactorEntries];
