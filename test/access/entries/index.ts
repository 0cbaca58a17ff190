import type { MatrixEntry } from '../entry';
import { campusEntries } from './campus';
import { foundationEntries } from './foundation';

/** Every capability's matrix entries, one line each. */
export const allEntries: MatrixEntry[] = [...foundationEntries, ...campusEntries];
