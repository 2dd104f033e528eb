import { describe, expect, it } from 'vitest';
import { ActorRegistry } from '@actorpair/core';
import { remoteTypeMatches } from '@actorpair/core';
import { processFilterProblem } from '../src/processFilter.js';

function entry(filters: Record<string, unknown>) {
  return new ActorRegistry().register('process', 'Foo', { child: { esModuleURI: 'x' }, ...filters });
}

describe('remoteTypes and includeParent', () => {
  it('remoteTypes match by prefix', () => {
    expect(remoteTypeMatches(['web'], 'web')).toBe(true);
    expect(remoteTypeMatches(['web'], 'webIsolated=https://a.test')).toBe(true);
    expect(remoteTypeMatches(['privilegedabout'], 'web')).toBe(false);
    expect(remoteTypeMatches(['file', 'web'], 'web')).toBe(true);
    // A value naming an origin names that origin only, not a longer host or another port.
    expect(remoteTypeMatches(['webIsolated=https://bank.test'], 'webIsolated=https://bank.test')).toBe(true);
    expect(remoteTypeMatches(['webIsolated=https://bank.test'], 'webIsolated=https://bank.test.evil.example')).toBe(false);
    expect(remoteTypeMatches(['webIsolated=https://bank.test'], 'webIsolated=https://bank.test:8443')).toBe(false);
  });

  it('no remoteTypes, or an empty list, matches every child', () => {
    expect(processFilterProblem(entry({}), 3, 'anything')).toBeNull();
    expect(processFilterProblem(entry({ remoteTypes: [] }), 3, 'anything')).toBeNull();
  });

  it('says which filter excludes a child', () => {
    expect(processFilterProblem(entry({ remoteTypes: ['privilegedabout'] }), 1, 'web')).toBe(
      `remoteTypes ["privilegedabout"] do not match remoteType 'web'`,
    );
  });

  it('the main process (childID 0) needs includeParent, and has no remoteType', () => {
    expect(processFilterProblem(entry({}), 0, '')).toMatch(/includeParent/);
    expect(processFilterProblem(entry({ includeParent: true }), 0, '')).toBeNull();
    expect(processFilterProblem(entry({ includeParent: true, remoteTypes: ['web'] }), 0, '')).toMatch(/remoteTypes/);
  });
});
