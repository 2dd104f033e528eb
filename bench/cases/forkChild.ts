/**
 * A forked child of case 5. The bench asks it over IPC which side to answer: `raw` (the hand-written
 * id-matched echo on `process.send`) or `actorpair` (a child-side manager over the IPC endpoint).
 */
import { childManager } from '../lib/managers.js';
import { ipcEndpoint, withoutControl } from '../lib/ipcEndpoint.js';
import { serveRaw } from '../lib/raw.js';
import { serveControl } from '../lib/control.js';

const channel = withoutControl(process);
const send = (m: unknown): void => void process.send!(m);

serveControl(send, (listener) => process.on('message', listener), {
  ready: () => true,
  start(contender: 'raw' | 'actorpair') {
    if (contender === 'raw') serveRaw(send, (listener) => channel.on('message', listener));
    else childManager(ipcEndpoint(channel));
    return true;
  },
});
