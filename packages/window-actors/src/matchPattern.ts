/**
 * WebExtension match patterns (`<all_urls>`, `*://*.example.com/path*`), the `matches` filter of window actors.
 * A host without a port matches every port (loopback test servers and dev servers run on any port); a host may
 * name one (`127.0.0.1:8080`) or `:*`.
 */

const WILDCARD_SCHEMES = ['http:', 'https:', 'ws:', 'wss:'];
const KNOWN_SCHEMES = new Set([...WILDCARD_SCHEMES, 'file:', 'ftp:', 'data:', 'about:', 'blob:']);
const ALL_URLS = new Set([...WILDCARD_SCHEMES, 'file:', 'ftp:']);
const PATTERN = /^(\*|[a-z][a-z0-9+.-]*):\/\/(\*|\*\.[^/*:]+|[^/*:]+)?(?::(\*|\d+))?(\/.*)$/;

/** A compiled match pattern: `test(url)` says whether a document URL matches it. */
export interface MatchPattern {
  readonly pattern: string;
  test(url: string): boolean;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Compiles one match pattern. Throws `SyntaxError` (a DOMException, as Firefox does) for an invalid pattern.
 *
 * ```ts
 * matchPattern('*://127.0.0.2/*').test('http://127.0.0.2:5173/widget.html'); // true
 * ```
 */
export function matchPattern(pattern: string): MatchPattern {
  if (pattern === '<all_urls>') {
    return {
      pattern,
      test(url) {
        const parsed = parse(url);
        return parsed !== null && ALL_URLS.has(parsed.protocol);
      },
    };
  }
  const found = typeof pattern === 'string' ? PATTERN.exec(pattern) : null;
  if (!found) throw new DOMException(`Invalid match pattern: '${String(pattern)}'`, 'SyntaxError');
  const [, scheme, host = '', port, path] = found;
  if (scheme !== '*' && !KNOWN_SCHEMES.has(`${scheme}:`)) {
    throw new DOMException(`Invalid match pattern: '${pattern}' (unsupported scheme)`, 'SyntaxError');
  }
  if (host === '' && scheme !== 'file') {
    throw new DOMException(`Invalid match pattern: '${pattern}' (missing host)`, 'SyntaxError');
  }
  const pathRe = new RegExp(`^${path.split('*').map(escapeRegExp).join('.*')}$`, 's');
  const lowerHost = host.toLowerCase();
  return {
    pattern,
    test(url) {
      const parsed = parse(url);
      if (!parsed) return false;
      if (scheme === '*' ? !WILDCARD_SCHEMES.includes(parsed.protocol) : parsed.protocol !== `${scheme}:`) return false;
      const hostname = parsed.hostname.toLowerCase();
      if (lowerHost !== '*' && lowerHost !== '') {
        if (lowerHost.startsWith('*.')) {
          const base = lowerHost.slice(2);
          if (hostname !== base && !hostname.endsWith(`.${base}`)) return false;
        } else if (hostname !== lowerHost) return false;
      }
      if (port !== undefined && port !== '*' && parsed.port !== port) return false;
      return pathRe.test(parsed.pathname + parsed.search);
    },
  };
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}
