/**
 * The `remoteTypes` filter, shared by process and window actors. A value without `=` names a family by prefix
 * (`web` matches `web`, `webIsolated=https://a.test`; `webIsolated` every isolated origin); a value with an origin
 * (`webIsolated=https://a.test`) names that type only, so it matches neither `https://a.test.evil.example` nor
 * `https://a.test:8443`.
 */

/** True when one of `allowed` names the remote type `type`. */
export function remoteTypeMatches(allowed: readonly unknown[], type: string): boolean {
  return allowed.some(
    (value) =>
      typeof value === 'string' && (value === type || (value !== '' && !value.includes('=') && type.startsWith(value))),
  );
}
