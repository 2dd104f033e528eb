import { errors } from './errors.js';

let configured: string | undefined;

/**
 * Tells the client where the hub is (`ws://host:port` or `wss://...`, as `createChannelHub` reports in `hub.url`).
 * Without it a client looks, in this order, for a `hub` parameter in the page's URL (`?uuid=...&hub=ws://...`, so a
 * page that opens another can hand it on), then `ACTORPAIR_CHANNEL_HUB` in Node's environment.
 * Pass `undefined` to forget it.
 */
export function setChannelHub(url: string | undefined): void {
  if (url !== undefined) check(url);
  configured = url;
}

function check(url: string): string {
  if (!/^wss?:\/\//.test(url)) throw errors.badHub(url);
  return url.replace(/\/+$/, '');
}

/** The hub's URL, from wherever it was given. Throws InvalidStateError when nothing names one. */
export function channelHubURL(): string {
  if (configured) return check(configured);
  const search = (globalThis as { location?: { search?: string } }).location?.search;
  const fromPage = search ? new URLSearchParams(search).get('hub') : null;
  if (fromPage) return check(fromPage);
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  const fromEnv = env?.ACTORPAIR_CHANNEL_HUB;
  if (fromEnv) return check(fromEnv);
  throw errors.noHub();
}
