import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, download } from '../../shared/api/client';

export type RosterKind = 'student' | 'staff';

/** One bad cell or row as the server reports it (error.details.rows). */
export interface RosterRowError {
  row: number;
  column: string;
  code: string;
  message: string;
}

export interface RosterResult {
  imported: number | null;
  raw: unknown;
}

const MIME: Record<string, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv',
};

/** Browsers disagree on a CSV's type (Windows says application/vnd.ms-excel): decide by the file name. */
export function rosterContentType(file: File): string {
  const ext = file.name.toLowerCase().split('.').pop() ?? '';
  return MIME[ext] ?? (file.type || 'application/octet-stream');
}

/** The imported row count, whatever the success body calls it. */
function importedCount(body: unknown): number | null {
  if (!body || typeof body !== 'object') return null;
  const b = body as Record<string, unknown>;
  for (const key of ['imported', 'created', 'count', 'rows', 'total']) {
    if (typeof b[key] === 'number') return b[key] as number;
  }
  return null;
}

/** Row errors from a rejected upload, or an empty list when the error is about the whole file. */
export function rosterRowErrors(error: unknown): RosterRowError[] {
  if (!(error instanceof ApiError)) return [];
  const details = error.details as { rows?: unknown } | undefined;
  if (!details || !Array.isArray(details.rows)) return [];
  return details.rows
    .filter((r): r is Record<string, unknown> => !!r && typeof r === 'object')
    .map((r) => ({
      row: Number(r.row) || 0,
      column: String(r.column ?? ''),
      code: String(r.code ?? ''),
      message: String(r.message ?? r.code ?? ''),
    }));
}

export function useImportRoster() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ schoolId, kind, file }: { schoolId: number; kind: RosterKind; file: File }): Promise<RosterResult> => {
      const body = await api<unknown>(`/api/schools/${schoolId}/roster`, {
        method: 'POST',
        query: { kind },
        body: file,
        contentType: rosterContentType(file),
      });
      return { imported: importedCount(body), raw: body };
    },
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['people'] });
      void client.invalidateQueries({ queryKey: ['schools'] });
    },
  });
}

/** The school's roster in the import layout (masked identifiers), so it can be corrected and uploaded again. */
export function exportSchoolRoster(schoolId: number, kind: RosterKind) {
  return download(`/api/schools/${schoolId}/roster/export`, { kind }, `${kind}-roster.xlsx`);
}

export function downloadRosterTemplate(kind: RosterKind) {
  return download('/api/roster/template', { kind }, kind === 'student' ? 'student-roster.xlsx' : 'staff-roster.xlsx');
}
