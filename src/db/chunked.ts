/**
 * Runs `work` on consecutive parts of `items`, at most `size` each, one after another, and joins the
 * results in order. For multi-row statements whose rows could exceed PostgreSQL's 65,535 bind
 * parameters (a row of n columns takes n).
 */
export async function chunked<T, R>(items: T[], size: number, work: (part: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await work(items.slice(i, i + size))));
  return out;
}
