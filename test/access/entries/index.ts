import type { MatrixEntry } from '../entry';
import { campusEntries } from './campus';
import { foundationEntries } from './foundation';
import { governanceEntries } from './governance';

/** Every capability's matrix entries, one line each. */
export const allEntries: MatrixEntry[] = [...foundationEntries, ...governanceEntries, ...campusEntries];
