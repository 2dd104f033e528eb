import { describe, expect, it } from 'vitest';
import { matchPattern } from '../src/matchPattern.js';

describe('matchPattern', () => {
  it.each([
    ['<all_urls>', 'https://a.test/x', true],
    ['<all_urls>', 'about:blank', false],
    ['*://*/*', 'http://127.0.0.2:5173/frame.html?x=1', true],
    ['*://*/*', 'file:///tmp/a.html', false],
    ['*://127.0.0.2/*', 'http://127.0.0.2:41234/frame.html', true],
    ['*://127.0.0.2/*', 'http://127.0.0.3:41234/frame.html', false],
    ['http://127.0.0.2:8080/*', 'http://127.0.0.2:8080/a', true],
    ['http://127.0.0.2:8080/*', 'http://127.0.0.2:8081/a', false],
    ['https://*.example.com/*', 'https://example.com/', true],
    ['https://*.example.com/*', 'https://widgets.example.com/a', true],
    ['https://*.example.com/*', 'https://badexample.com/a', false],
    ['https://*.example.com/*', 'http://widgets.example.com/a', false],
    ['https://a.test/widgets/*', 'https://a.test/widgets/clock.html', true],
    ['https://a.test/widgets/*', 'https://a.test/other.html', false],
    ['https://a.test/page.html?x=*', 'https://a.test/page.html?x=1', true],
    ['file:///tmp/*', 'file:///tmp/a.html', true],
  ])('%s against %s is %s', (pattern, url, expected) => {
    expect(matchPattern(pattern).test(url)).toBe(expected);
  });

  it.each(['', 'a.test', 'https://a.test', 'https://*foo.test/*', 'gopher://a.test/*', 'https:///a'])(
    'rejects %j with SyntaxError',
    (pattern) => {
      expect(() => matchPattern(pattern)).toThrow(expect.objectContaining({ name: 'SyntaxError' }));
    },
  );
});
