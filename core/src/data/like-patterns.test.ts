import { describe, expect, it } from 'vitest';
import { likeToGlob } from './like-patterns.js';

describe('likeToGlob', () => {
  it('maps LIKE wildcards and escapes, and makes GLOB specials literal', () => {
    expect(likeToGlob('Bulk deal%')).toBe('Bulk deal*');
    expect(likeToGlob('a_c')).toBe('a?c');
    expect(likeToGlob('100\\%')).toBe('100%');
    expect(likeToGlob('what?*[x]')).toBe('what[?][*][[]x[]]');
  });
});
