import type { Reporter, SerializedError, TestModule } from 'vitest/node';

/**
 * Ends a run with one plain line, "N passed, N failed, N skipped, N errors", that any CI log reader
 * understands. Errors raised outside any test (unhandled rejections) are printed again in plain text
 * just above it, so a shortened CI log still shows what they were.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>) {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    const flaky: string[] = [];
    for (const m of modules) {
      for (const t of m.children.allTests()) {
        const state = t.result().state;
        if (t.diagnostic()?.flaky) flaky.push(`${m.moduleId.replace(/^.*\/(test|src)\//, '$1/')} > ${t.fullName}`);
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else skipped++;
      }
    }
    for (const e of unhandledErrors) {
      console.log(`\nunhandled error: ${e.name ?? 'Error'}: ${e.message}\n${e.stack ?? ''}`);
    }
    // A browser step that passed only on its second try is named, so flakiness stays visible.
    for (const name of flaky) console.log(`passed after a retry: ${name}`);
    console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped, ${unhandledErrors.length} errors${flaky.length ? `, ${flaky.length} retried` : ''}`);
  }
}
