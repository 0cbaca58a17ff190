import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { EVIDENCE_MAX_BYTES } from '../../domain/rectification/evidence-type';
import { AppError } from '../../http/errors';
import type { App } from '../../http/types';

export const FILE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf', 'application/octet-stream'];

/**
 * Routes that take a raw file as the body (evidence, inspection photos). Their parsers live in this
 * child scope only; the content itself is checked by `evidenceProblem`, never trusted from the header.
 */
export function registerFileRoutes(app: App, register: (scope: App) => void) {
  app.register(async (child) => {
    const scope = child.withTypeProvider<TypeBoxTypeProvider>() as unknown as App;
    scope.addContentTypeParser(FILE_TYPES, { parseAs: 'buffer', bodyLimit: EVIDENCE_MAX_BYTES + 1 }, (_req, body, done) => done(null, body));
    register(scope);
  });
}

export function fileBody(body: unknown): Buffer {
  if (!Buffer.isBuffer(body)) throw new AppError('evidence.type_not_allowed', 415, { field: 'file' });
  return body;
}

export const FILE_BODY_LIMIT = EVIDENCE_MAX_BYTES + 1;
