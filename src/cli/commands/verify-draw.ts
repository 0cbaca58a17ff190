// `campusguard verify-draw <draw.json>`: re-runs a published draw from its revealed seed and eligible list.
// Exit 0 when everything matches, 1 when something differs, 2 when the record cannot be checked.
import { readFile } from 'node:fs/promises';
import { DrawError } from '../../domain/draws/errors';
import { parseDrawRecord, verifyDrawRecord } from '../../domain/draws/verify';

export const summary = 'check a published random draw against its commitment, seed and eligible list';

const USAGE = `usage: campusguard verify-draw [--explain] <draw.json>
  Recomputes the draw from the revealed seed, the published eligible list and parameters, and compares it
  with the published result. Exit 0: matches; 1: differs; 2: the file cannot be checked.
  --explain  also print why each school was drawn
  The file format is described in docs/draws.md.`;

export async function run(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  const explain = argv.includes('--explain');
  const files = argv.filter((a) => a !== '--explain');
  const unknown = files.find((a) => a.startsWith('--'));
  if (unknown) return bad(`unknown option ${unknown}`);
  if (files.length !== 1) return bad('give exactly one draw record file (see --help)');

  let text: string;
  try {
    text = await readFile(files[0], 'utf8');
  } catch (e) {
    return bad(`cannot read ${files[0]}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return bad(`${files[0]} is not valid JSON: ${(e as Error).message}`);
  }

  try {
    const record = parseDrawRecord(raw);
    const { ok, differences, outcome } = verifyDrawRecord(record);
    const title = `draw ${outcome.drawId} (${outcome.kind}, ${outcome.drawDate}, ${outcome.count} of ${record.schools.length} schools)`;
    if (ok) {
      console.log(`OK ${title}`);
      console.log(`  commitment ${outcome.commitment} opened by the seed`);
      console.log(`  input hash ${outcome.inputHash}${record.inputHash ? ' matches' : ' (none published)'}`);
      console.log(`  selected: ${outcome.selected.map((s) => s.schoolId).join(', ')}`);
    } else {
      console.log(`DIFFERS ${title}`);
      for (const d of differences) console.log(`  - ${d}`);
    }
    if (explain) for (const s of outcome.selected) console.log(`  #${s.rank} ${s.schoolId}: ${s.explanation}`);
    return ok ? 0 : 1;
  } catch (e) {
    if (e instanceof DrawError) return bad(`${e.field}: ${e.message}`);
    throw e;
  }
}

function bad(problem: string): number {
  console.error(`verify-draw: ${problem}`);
  return 2;
}
