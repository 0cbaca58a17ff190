/**
 * Counters of the class-check group commit, off unless a benchmark turns them on: per batch the
 * checks written and the batch's time from its read to its commit.
 */
export const checkBatchStats = {
  enabled: false,
  batches: [] as Array<{ size: number; ms: number }>,
};

export function recordBatch(size: number, ms: number): void {
  if (checkBatchStats.enabled) checkBatchStats.batches.push({ size, ms });
}
