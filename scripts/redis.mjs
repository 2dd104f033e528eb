// Finds redis-server for the channels' Redis backend tests: $REDIS_SERVER_PATH, then Debian's
// /usr/bin/redis-server; as root with apt-get it installs Debian's `redis-server` package. The tests start their
// own server on 127.0.0.1 (a free port, a temp dir, persistence off) and stop it; nothing here starts one.
// `node scripts/redis.mjs [--install]` prints the path.
import { spawnSync } from 'node:child_process';
import { findDebianBinary } from './debianBinary.mjs';

export function findRedisServer({ install = false } = {}) {
  return findDebianBinary({
    env: 'REDIS_SERVER_PATH',
    candidates: ['/usr/bin/redis-server', '/usr/local/bin/redis-server'],
    aptPackage: 'redis-server',
    what: 'redis-server',
    install,
    // The package starts a system service; the tests need none of it.
    afterInstall: () => spawnSync('sh', ['-c', 'command -v service >/dev/null && service redis-server stop'], { stdio: 'ignore' }),
    help:
      'The Redis backend tests need redis-server. Install it (Debian/Ubuntu: `sudo apt-get install redis-server`) ' +
      'or set REDIS_SERVER_PATH to a redis-server binary (Redis 6.2 or newer).',
  });
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(findRedisServer({ install: process.argv.includes('--install') }));
