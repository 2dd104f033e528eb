// Finds Chromium for the browser tests: $CHROMIUM_PATH, then /usr/bin/chromium; as root with apt-get it installs
// Debian's `chromium` package. Never downloads a browser build of its own.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

export function findChromium({ install = false } = {}) {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    fail(`CHROMIUM_PATH is set to ${fromEnv}, which does not exist.`);
  }
  const found = CANDIDATES.find((path) => existsSync(path));
  if (found) return found;
  const canInstall = install && process.getuid?.() === 0 && spawnSync('which', ['apt-get']).status === 0;
  if (canInstall) {
    console.log('[actorpair] Chromium not found: installing Debian\'s chromium package (about a minute)...');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    spawnSync('apt-get', ['update'], { stdio: 'inherit', env });
    const result = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { stdio: 'inherit', env });
    const installed = CANDIDATES.find((path) => existsSync(path));
    if (result.status === 0 && installed) return installed;
  }
  fail(
    'The browser tests need Chromium. Install it (Debian/Ubuntu: `sudo apt-get install chromium`) or set ' +
      'CHROMIUM_PATH to a Chromium or Chrome binary. No browser is downloaded by this project.',
  );
}

function fail(message) {
  console.error(`[actorpair] ${message}`);
  process.exit(1);
}
