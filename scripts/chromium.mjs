// Finds Chromium for the browser tests: $CHROMIUM_PATH, then /usr/bin/chromium; as root with apt-get it installs
// Debian's `chromium` package. Never downloads a browser build of its own.
import { findDebianBinary } from './debianBinary.mjs';

export function findChromium({ install = false } = {}) {
  return findDebianBinary({
    env: 'CHROMIUM_PATH',
    candidates: ['/usr/bin/chromium', '/usr/bin/chromium-browser'],
    aptPackage: 'chromium',
    what: 'Chromium',
    install,
    help:
      'The browser tests need Chromium. Install it (Debian/Ubuntu: `sudo apt-get install chromium`) or set ' +
      'CHROMIUM_PATH to a Chromium or Chrome binary. No browser is downloaded by this project.',
  });
}
