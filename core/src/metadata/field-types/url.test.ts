import type { FieldDefinition } from '@kith/sdk';
import { describe, expect, it } from 'vitest';
import { urlType } from './url.js';

const field = (s: Partial<FieldDefinition> = {}): FieldDefinition => ({
  id: 'company.web', name: 'web', type: 'url', label: { en: 'Web' }, source: 'core',
  ...s,
});

describe('url field', () => {
  it.each([
    ['https://example.com', 'https://example.com/'],
    ['HTTP://Example.COM:80/a/../b?q=1#top', 'http://example.com/b?q=1#top'],
    ['https://bücher.de/', 'https://xn--bcher-kva.de/'],
    ['  https://example.com/x  ', 'https://example.com/x'],
  ])('normalises %j to %j', (input, expected) => {
    expect(urlType.normalise(field(), input)).toEqual({ ok: true, value: expected });
  });

  it.each(['javascript:alert(1)', 'ftp://example.com/file', 'mailto:a@example.com', 'data:text/html,hi', 'file:///etc/passwd'])(
    'refuses the scheme of %j',
    (input) => {
      const result = urlType.normalise(field(), input);
      expect(!result.ok && result.message).toMatch(/only http and https/);
    },
  );

  it('refuses relative links, asking for the scheme', () => {
    const result = urlType.normalise(field(), 'example.com');
    expect(!result.ok && result.message).toMatch(/https:\/\/example\.com/);
  });

  it('refuses links with credentials and links past the length limit', () => {
    expect(urlType.normalise(field(), 'https://user:secret@example.com/').ok).toBe(false);
    expect(urlType.normalise(field(), `https://example.com/${'a'.repeat(2048)}`).ok).toBe(false);
    expect(urlType.normalise(field({ maxLength: 30 }), 'https://example.com/a-long-path').ok).toBe(false);
  });

  it('sizes its column and checks maxLength', () => {
    expect(urlType.columns(field())).toEqual([{ key: '', suffix: '', kind: 'text', length: 2048 }]);
    expect(urlType.checkDefinition(field({ maxLength: 4096 }))).toHaveLength(1);
  });
});
