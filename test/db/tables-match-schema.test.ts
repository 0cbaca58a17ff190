import path from 'node:path';
import { sql } from 'kysely';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, databases } from '../harness/context';
import type { Db } from '../../src/db/connect';

/** Reads the `Database` type of src/db/tables.ts with the TypeScript checker: table → column → nullable. */
function declaredTables(): Map<string, Map<string, boolean>> {
  const file = path.resolve(__dirname, '../../src/db/tables.ts');
  const program = ts.createProgram([file], { strict: true, skipLibCheck: true, moduleResolution: ts.ModuleResolutionKind.Bundler, module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file)!;
  const symbol = checker.getExportsOfModule(checker.getSymbolAtLocation(source)!).find((s) => s.name === 'Database')!;
  const dbType = checker.getDeclaredTypeOfSymbol(symbol);
  const tables = new Map<string, Map<string, boolean>>();
  for (const table of checker.getPropertiesOfType(dbType)) {
    const tableType = checker.getTypeOfSymbolAtLocation(table, source);
    const columns = new Map<string, boolean>();
    for (const col of checker.getPropertiesOfType(tableType)) {
      const text = checker.typeToString(checker.getTypeOfSymbolAtLocation(col, source), undefined, ts.TypeFormatFlags.NoTruncation);
      columns.set(col.name, /\bnull\b/.test(text));
    }
    tables.set(table.name, columns);
  }
  return tables;
}

describe.each(databases())('src/db/tables.ts against information_schema on %s', (kind) => {
  let db: Db;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ db, drop } = await createTestDb(kind));
  });
  afterAll(() => drop());

  it('declares exactly the tables and columns the migrations create, with the same nullability', async () => {
    const rows = await sql<{ table_name: string; column_name: string; is_nullable: string }>`
      select table_name, column_name, is_nullable from information_schema.columns where table_schema = 'public' order by table_name, ordinal_position`.execute(db.kysely);
    const actual = new Map<string, Map<string, boolean>>();
    for (const r of rows.rows) {
      if (!actual.has(r.table_name)) actual.set(r.table_name, new Map());
      actual.get(r.table_name)!.set(r.column_name, r.is_nullable === 'YES');
    }
    const declared = declaredTables();
    expect([...declared.keys()].sort()).toEqual([...actual.keys()].sort());
    for (const [table, columns] of actual) {
      const typed = declared.get(table)!;
      expect([...typed.keys()].sort(), `columns of ${table}`).toEqual([...columns.keys()].sort());
      for (const [column, nullable] of columns) {
        expect(typed.get(column), `${table}.${column} nullable`).toBe(nullable);
      }
    }
  });
});
