import { describe, expect, it } from 'vitest';
import { csrfMatches, csrfTokenFor } from './session-cookies.js';

const session = `kith_ses_${'a'.repeat(43)}`;

describe('CSRF tokens', () => {
  it('are derived from the session under the secret, so only the server can make one', () => {
    const token = csrfTokenFor('secret-1', session);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(csrfTokenFor('secret-1', session)).toBe(token);
    expect(csrfTokenFor('secret-2', session)).not.toBe(token);
    expect(csrfTokenFor('secret-1', `kith_ses_${'b'.repeat(43)}`)).not.toBe(token);
  });

  it('match only the exact token of this session', () => {
    const token = csrfTokenFor('s', session);
    expect(csrfMatches('s', session, token)).toBe(true);
    expect(csrfMatches('s', session, ` ${token} `)).toBe(true);
    for (const sent of [undefined, '', token.slice(1), `${token}x`, [token], csrfTokenFor('s', `kith_ses_${'c'.repeat(43)}`)]) {
      expect(csrfMatches('s', session, sent)).toBe(false);
    }
  });
});
