import { describe, expect, it } from 'vitest';
import { checkWindowFilters, windowFilterProblem, type WindowFacts } from '../src/windowFilter.js';

const top: WindowFacts = {
  documentURI: 'http://127.0.0.2:4000/frame.html',
  isChrome: false,
  isTopLevel: true,
  remoteType: 'webIsolated=http://127.0.0.2:4000',
  messageManagerGroup: 'browsers',
};
const sub: WindowFacts = { ...top, isTopLevel: false };
const chrome: WindowFacts = { documentURI: 'http://127.0.0.1:4000/', isChrome: true, isTopLevel: true, remoteType: '', messageManagerGroup: null };

describe('windowFilterProblem', () => {
  it('allows a top frame by default, not a subframe nor the host page', () => {
    expect(windowFilterProblem({}, top)).toBeNull();
    expect(windowFilterProblem({}, sub)).toBe('allFrames is false and this is a subframe');
    expect(windowFilterProblem({ allFrames: true }, sub)).toBeNull();
    expect(windowFilterProblem({}, chrome)).toBe('includeChrome is false and this is the host page');
    expect(windowFilterProblem({ includeChrome: true }, chrome)).toBeNull();
  });

  it('checks matches, messageManagerGroups and remoteTypes (prefix)', () => {
    expect(windowFilterProblem({ matches: ['*://127.0.0.2/*'] }, top)).toBeNull();
    expect(windowFilterProblem({ matches: ['*://127.0.0.3/*'] }, top)).toMatch(/^matches: /);
    expect(windowFilterProblem({ messageManagerGroups: ['browsers'] }, top)).toBeNull();
    expect(windowFilterProblem({ messageManagerGroups: ['sidebars'] }, top)).toMatch(/^messageManagerGroups: /);
    expect(windowFilterProblem({ remoteTypes: ['webIsolated'] }, top)).toBeNull();
    expect(windowFilterProblem({ remoteTypes: ['web'] }, top)).toBeNull();
    expect(windowFilterProblem({ remoteTypes: ['webIsolated=http://127.0.0.3:4000'] }, top)).toMatch(/^remoteTypes: /);
    expect(windowFilterProblem({ remoteTypes: ['webIsolated'] }, { ...top, remoteType: 'web' })).toMatch(/^remoteTypes: /);
  });

  it('a remote type that names an origin matches that origin only, not every origin it is a prefix of', () => {
    const only = { remoteTypes: ['webIsolated=http://127.0.0.2:4000'] };
    expect(windowFilterProblem(only, top)).toBeNull();
    expect(windowFilterProblem(only, { ...top, remoteType: 'webIsolated=http://127.0.0.2:40001' })).toMatch(/^remoteTypes: /);
    const bank = { remoteTypes: ['webIsolated=https://bank.test'] };
    expect(windowFilterProblem(bank, { ...top, remoteType: 'webIsolated=https://bank.test' })).toBeNull();
    expect(windowFilterProblem(bank, { ...top, remoteType: 'webIsolated=https://bank.test.evil.example' })).toMatch(/^remoteTypes: /);
  });
});

describe('checkWindowFilters', () => {
  it('rejects bad patterns and wrong types at registration', () => {
    expect(() => checkWindowFilters({ matches: ['nope'] })).toThrow(expect.objectContaining({ name: 'SyntaxError' }));
    expect(() => checkWindowFilters({ matches: 'https://a.test/*' })).toThrow(TypeError);
    expect(() => checkWindowFilters({ allFrames: 'yes' })).toThrow(TypeError);
    expect(() => checkWindowFilters({ matches: ['<all_urls>'], allFrames: true, remoteTypes: ['web'] })).not.toThrow();
  });
});
