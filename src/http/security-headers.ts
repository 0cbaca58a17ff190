import type { FastifyReply, FastifyRequest } from 'fastify';

// The web app loads only its own scripts and styles; antd injects inline styles, so style-src allows them.
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self' data:",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

export async function securityHeaders(request: FastifyRequest, reply: FastifyReply) {
  // Swagger UI ships inline scripts: give the docs page its own, looser policy.
  const docs = request.url.startsWith('/api/docs');
  reply.header('Content-Security-Policy', docs ? CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'") : CSP);
  reply.header('X-Content-Type-Options', 'nosniff');
  reply.header('X-Frame-Options', 'DENY');
  reply.header('Referrer-Policy', 'same-origin');
  reply.header('Cross-Origin-Opener-Policy', 'same-origin');
  reply.header('Permissions-Policy', 'camera=(self), geolocation=(), microphone=()');
  if (request.url.startsWith('/api/')) reply.header('Cache-Control', 'no-store');
}
