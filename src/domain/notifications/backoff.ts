// Retry schedule of the notification dispatcher: exponential back-off with a cap, then give up. Pure,
// so the schedule is a table in its test rather than something to observe with a clock.

export interface BackoffPolicy {
  /** Delay before the second attempt. */
  baseMs: number;
  factor: number;
  maxDelayMs: number;
  /** Attempts in all, the first included; after the last failure the message is dead. */
  maxAttempts: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 30_000, factor: 2, maxDelayMs: 3_600_000, maxAttempts: 8 };

/**
 * When to try again after `failedAttempts` failures (1 = the first attempt failed), or null when the
 * message has had all its attempts.
 */
export function nextAttemptDelay(failedAttempts: number, policy: BackoffPolicy = DEFAULT_BACKOFF): number | null {
  if (failedAttempts >= policy.maxAttempts) return null;
  const delay = policy.baseMs * policy.factor ** Math.max(0, failedAttempts - 1);
  return Math.min(delay, policy.maxDelayMs);
}
