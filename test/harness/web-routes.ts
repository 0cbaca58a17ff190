import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

// The web app's route patterns, read from each capability's index.tsx (`path: '/…'`), so server-made
// links (dashboard figures, notifications) can be checked against pages that exist.
const FEATURES = path.resolve(import.meta.dirname, '../../web/src/features');

export function webRoutes(): RegExp[] {
  const out: RegExp[] = [];
  for (const feature of readdirSync(FEATURES)) {
    let text: string;
    try {
      text = readFileSync(path.join(FEATURES, feature, 'index.tsx'), 'utf8');
    } catch {
      continue;
    }
    for (const m of text.matchAll(/path: '([^']+)'/g)) out.push(new RegExp(`^${m[1].replace(/:[A-Za-z]+/g, '[^/]+')}$`));
  }
  return out;
}

/** Whether a link's path (before `?`) is a page of the web app. */
export const isWebPage = (link: string, routes = webRoutes()) => routes.some((r) => r.test(link.split('?')[0]));
