import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../http/context';
import { AppError } from '../../http/errors';
import { IdParams, Strict } from '../../http/schema';
import type { App } from '../../http/types';
import { sendXlsx } from '../../shared/excel';
import { exportRoster } from './export';
import { importRoster } from './import';
import type { RosterFormat } from './parse';
import { buildRosterWorkbook, KIND_LABEL } from './workbook';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** 50,000 rows take about 3 MB as .xlsx and 8 MB as CSV. */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

const Kind = Type.Union([Type.Literal('student'), Type.Literal('staff')], { default: 'student' });
const KindQuery = Strict({ kind: Type.Optional(Kind) });
const ExportQuery = Strict({ kind: Type.Optional(Kind), full: Type.Optional(Type.Integer({ minimum: 0, maximum: 1 })) });
const ImportResult = Type.Object({ kind: Type.String(), imported: Type.Number(), guardians: Type.Number() });

function declaredFormat(contentType: string | undefined): RosterFormat | undefined {
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (type === XLSX_TYPE) return 'xlsx';
  if (type === 'text/csv') return 'csv';
  return undefined;
}

export function registerRosterRoutes(app: App, ctx: AppContext) {
  const tags = ['roster'];

  app.get('/api/roster/template', { config: { access: 'roster.import' }, schema: { tags, querystring: KindQuery } }, async (req, reply) => {
    const kind = req.query.kind ?? 'student';
    return sendXlsx(reply, `${KIND_LABEL[kind]}名单模板.xlsx`, await buildRosterWorkbook(kind, []));
  });

  app.get('/api/schools/:id/roster/export', { config: { access: 'person.export' }, schema: { tags, params: IdParams, querystring: ExportQuery } }, async (req, reply) => {
    const { file, filename } = await exportRoster(ctx, req.actor!, { schoolId: req.params.id, kind: req.query.kind ?? 'student', full: req.query.full === 1, ip: req.ip });
    return sendXlsx(reply, filename, file);
  });

  // The upload takes the raw file as the body; its parsers live in this scope only.
  app.register(async (child) => {
    const scope = child.withTypeProvider<TypeBoxTypeProvider>();
    scope.addContentTypeParser([XLSX_TYPE, 'text/csv', 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: MAX_UPLOAD_BYTES }, (_req, body, done) => done(null, body));
    scope.post('/api/schools/:id/roster', {
      config: { access: 'roster.import' },
      bodyLimit: MAX_UPLOAD_BYTES,
      schema: { tags, params: IdParams, querystring: KindQuery, response: { 200: ImportResult } },
    }, async (req) => {
      if (!Buffer.isBuffer(req.body)) throw new AppError('roster.body_not_file', 415, { field: 'body' });
      return importRoster(ctx, req.actor!, {
        schoolId: req.params.id, kind: req.query.kind ?? 'student', file: req.body, format: declaredFormat(req.headers['content-type']), locale: req.locale, ip: req.ip,
      });
    });
  });
}
