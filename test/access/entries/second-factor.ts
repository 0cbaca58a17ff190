import type { MatrixEntry } from '../entry';

/**
 * The second factor. A wrong code or password proves the caller reached the handler (400), as does
 * confirming before any enrolment was started (409); nothing here turns a factor on.
 */
export const secondFactorEntries: MatrixEntry[] = [
  { route: 'GET /api/me/second-factor', inside: () => ({ url: '/api/me/second-factor' }), outside: null },
  { route: 'POST /api/me/second-factor/enrol', inside: () => ({ url: '/api/me/second-factor/enrol' }), outside: null },
  // The secret is random: '000000' is wrong except with a chance of 3 in a million.
  { route: 'POST /api/me/second-factor/confirm', inside: () => ({ url: '/api/me/second-factor/confirm', body: { totpCode: '000000' } }), outside: null, allowed: [400, 409, 200] /* 200 only if 000000 happens to be the current code */ },
  { route: 'POST /api/me/second-factor/disable', inside: () => ({ url: '/api/me/second-factor/disable', body: { password: 'not-the-password', totpCode: '000000' } }), outside: null, allowed: [400] },
  {
    route: 'POST /api/accounts/:id/second-factor/reset',
    inside: (fx) => ({ url: `/api/accounts/${fx.victimA}/second-factor/reset` }),
    outside: (fx) => ({ url: `/api/accounts/${fx.victimB}/second-factor/reset` }),
  },
];
