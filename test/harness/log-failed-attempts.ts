import { beforeEach } from 'vitest';

// With one retry on CI, a test that passes on its second try would hide why the first try failed, and
// the summary only names it: print the failure when it happens, so the next flaky step names its cause.
beforeEach(({ onTestFailed }) => {
  onTestFailed(({ task }) => {
    const error = task.result?.errors?.[0];
    const where = error?.stack?.split('\n').slice(1, 6).join('\n') ?? '';
    console.log(`try ${(task.result?.retryCount ?? 0) + 1} of "${task.fullName}" failed: ${error?.message ?? 'no error recorded'}\n${where}`);
  });
});
