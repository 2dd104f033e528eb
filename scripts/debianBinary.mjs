// Finds a program the tests need: the path in an environment variable, then the usual places; as root with apt-get
// it installs the Debian package that has it. Never downloads anything else. Exits with how to get it otherwise.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

/**
 * @param {{ env: string, candidates: string[], aptPackage: string, what: string, help: string, install?: boolean,
 *   afterInstall?: () => void }} options
 */
export function findDebianBinary({ env, candidates, aptPackage, what, help, install = false, afterInstall }) {
  const fromEnv = process.env[env];
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    fail(`${env} is set to ${fromEnv}, which does not exist.`);
  }
  const found = candidates.find((path) => existsSync(path));
  if (found) return found;
  const canInstall = install && process.getuid?.() === 0 && spawnSync('which', ['apt-get']).status === 0;
  if (canInstall) {
    console.log(`[actorpair] ${what} not found: installing Debian's ${aptPackage} package...`);
    const aptEnv = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    spawnSync('apt-get', ['update'], { stdio: 'inherit', env: aptEnv });
    const result = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', aptPackage], { stdio: 'inherit', env: aptEnv });
    afterInstall?.();
    const installed = candidates.find((path) => existsSync(path));
    if (result.status === 0 && installed) return installed;
  }
  fail(help);
}

function fail(message) {
  console.error(`[actorpair] ${message}`);
  process.exit(1);
}
