// Finds redis-server for the Redis backend's tests: $REDIS_SERVER_PATH, then Debian's /usr/bin/redis-server; as root
// with apt-get it installs Debian's `redis-server` package. The tests start their own server on 127.0.0.1 (a free
// port, a temp dir, persistence off) and stop it; nothing here starts one.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const CANDIDATES = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'];

export function findRedisServer({ install = false } = {}) {
  const fromEnv = process.env.REDIS_SERVER_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    fail(`REDIS_SERVER_PATH is set to ${fromEnv}, which does not exist.`);
  }
  const found = CANDIDATES.find((path) => existsSync(path));
  if (found) return found;
  const canInstall = install && process.getuid?.() === 0 && spawnSync('which', ['apt-get']).status === 0;
  if (canInstall) {
    console.log("[actorpair] redis-server not found: installing Debian's redis-server package...");
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    spawnSync('apt-get', ['update'], { stdio: 'inherit', env });
    const result = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'redis-server'], { stdio: 'inherit', env });
    // The package starts a system service; the tests need none of it.
    spawnSync('sh', ['-c', 'command -v service >/dev/null && service redis-server stop'], { stdio: 'ignore' });
    const installed = CANDIDATES.find((path) => existsSync(path));
    if (result.status === 0 && installed) return installed;
  }
  fail(
    'The Redis backend tests need redis-server. Install it (Debian/Ubuntu: `sudo apt-get install redis-server`) or ' +
      'set REDIS_SERVER_PATH to a redis-server binary (Redis 6.2 or newer).',
  );
}

function fail(message) {
  console.error(`[actorpair] ${message}`);
  process.exit(1);
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(findRedisServer({ install: process.argv.includes('--install') }));
