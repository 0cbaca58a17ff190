import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/tables';
import type { ChecklistItem } from '../../domain/checklists/items';

const FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../reference/guidance-checklist.json');

interface GuidanceFile {
  key: string;
  version: number;
  name: { 'zh-CN': string; en: string };
  items: ChecklistItem[];
}

let cached: GuidanceFile | null = null;

/** The shipped guidance checklist (reference/guidance-checklist.json). */
export function guidanceChecklist(): GuidanceFile {
  cached ??= JSON.parse(readFileSync(FILE, 'utf8')) as GuidanceFile;
  return cached;
}

/**
 * Makes sure the shipped checklist exists as template 'guidance', version 1, and returns the newest
 * version's id. Idempotent and race-safe (unique keys, conflicts ignored), so any first use may call it.
 */
export async function ensureGuidanceChecklist(db: Kysely<Database>, now: Date): Promise<number> {
  const g = guidanceChecklist();
  await db.insertInto('checklist_templates').values({ key: g.key, name: g.name['zh-CN'], region_code: null, created_by: null, created_at: now }).onConflict((oc) => oc.column('key').doNothing()).execute();
  const template = await db.selectFrom('checklist_templates').select('id').where('key', '=', g.key).executeTakeFirstOrThrow();
  await db
    .insertInto('checklist_versions')
    .values({ template_id: template.id, version: g.version, items: JSON.stringify(g.items), note: 'shipped', created_by: null, created_at: now })
    .onConflict((oc) => oc.columns(['template_id', 'version']).doNothing())
    .execute();
  return latestVersionId(db, template.id);
}

export async function latestVersionId(db: Kysely<Database>, templateId: number): Promise<number> {
  const row = await db.selectFrom('checklist_versions').select('id').where('template_id', '=', templateId).orderBy('version', 'desc').limit(1).executeTakeFirstOrThrow();
  return row.id;
}

export async function versionItems(db: Kysely<Database>, versionId: number): Promise<ChecklistItem[]> {
  const row = await db.selectFrom('checklist_versions').select('items').where('id', '=', versionId).executeTakeFirst();
  if (!row) return [];
  return (typeof row.items === 'string' ? JSON.parse(row.items) : row.items) as ChecklistItem[];
}
