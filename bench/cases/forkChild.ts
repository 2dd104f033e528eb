/**
 * The raw contender of case 5: a forked child answering the hand-written id-matched echo on `process.send`
 * (actorpair's fork child is a real `ProcessHost` child, started by the case itself).
 */
import { serveRaw } from '../lib/raw.js';
import { serveControl, withoutControl } from '../lib/control.js';

const channel = withoutControl(process);
const send = (m: unknown): void => void process.send!(m);

serveControl(send, (listener) => process.on('message', listener), {
  ready: () => true,
  start() {
    serveRaw(send, (listener) => channel.on('message', listener));
    return true;
  },
});
