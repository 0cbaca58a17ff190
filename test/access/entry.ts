import type { Fixture } from './fixture';

export interface MatrixRequest {
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * One route of the access-control matrix. `inside` is a request on objects within every test
 * account's scope; `outside` the same request on objects of another city (null when the route
 * has no object, e.g. /api/me). The generated test checks every role against both.
 */
export interface MatrixEntry {
  route: string; // "METHOD /api/url/:param" exactly as registered
  inside(fx: Fixture): MatrixRequest;
  outside?: ((fx: Fixture) => MatrixRequest) | null;
  /** Statuses that prove a permitted caller reached the handler (default: 200). */
  allowed?: number[];
  /** For lists: how to tell the outside object leaked into a response of the inside request. */
  leaks?: (fx: Fixture, body: unknown) => boolean;
  /** The request ends the caller's session (logout): run it on a fresh login. */
  endsSession?: boolean;
  /** Set up objects the route needs before it runs (store their ids in fx.extra). */
  prepare?: (fx: Fixture) => Promise<void>;
}
