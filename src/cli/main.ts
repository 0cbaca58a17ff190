// The `campusguard` command: each sub-command is a module in ./commands exporting `summary` and `run`.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface Command {
  summary: string;
  run(argv: string[]): Promise<number>;
}

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'commands');
const [name, ...argv] = process.argv.slice(2);

function usage(): string {
  const names = readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => f.replace(/\.ts$/, ''));
  return `usage: campusguard <command> [options]\ncommands: ${names.join(', ')}\nrun "campusguard <command> --help" for a command's options`;
}

if (!name || name === '--help' || name === '-h') {
  console.log(usage());
  process.exit(name ? 0 : 2);
}
if (!/^[a-z-]+$/.test(name) || !existsSync(path.join(dir, `${name}.ts`))) {
  console.error(`campusguard: unknown command "${name}"\n${usage()}`);
  process.exit(2);
}
const command = (await import(pathToFileURL(path.join(dir, `${name}.ts`)).href)) as Command;
process.exitCode = await command.run(argv);
