import { describe, expect, it } from 'vitest';
import { secretMatches } from '../src/secret.js';

describe('the remote secret', () => {
  it('matches only the same non-empty string', () => {
    expect(secretMatches('s3cret', 's3cret')).toBe(true);
    expect(secretMatches('s3cret', 's3cre')).toBe(false);
    expect(secretMatches('s3cret', 's3cret ')).toBe(false);
    expect(secretMatches('s3cret', '')).toBe(false);
    expect(secretMatches('s3cret', undefined)).toBe(false);
    expect(secretMatches('s3cret', ['s3cret'])).toBe(false);
  });
});
