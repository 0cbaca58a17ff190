#!/usr/bin/env node
// Builds the web app (web/dist) when it is missing or older than its sources; otherwise does nothing.
// Runs before `npm start` and `npm test`, so a fresh clone serves the UI without a separate step.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const web = path.join(root, 'web');
const configFile = path.join(web, 'vite.config.ts');
const output = path.join(web, 'dist', 'index.html');

/** Latest modification time of a file, or of every file under a folder. */
function newest(target) {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = 0;
  for (const entry of readdirSync(target, { withFileTypes: true })) {
    latest = Math.max(latest, newest(path.join(target, entry.name)));
  }
  return latest;
}

const sources = [path.join(web, 'src'), path.join(web, 'public'), path.join(web, 'index.html'), configFile, path.join(web, 'tsconfig.json')];
const built = existsSync(output) ? statSync(output).mtimeMs : 0;
const changed = Math.max(...sources.map(newest));

if (built && built >= changed) process.exit(0);

console.log(built ? 'web: sources changed, rebuilding web/dist …' : 'web: web/dist is missing, building …');
const started = Date.now();
try {
  const { build } = await import('vite');
  await build({ configFile, logLevel: 'warn' });
} catch (err) {
  console.error('web: build failed');
  console.error(err);
  process.exit(1);
}
console.log(`web: built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
