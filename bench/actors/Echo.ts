/**
 * The actors of the benchmarks. `Echo` answers what the other contenders answer (echo, count, size); `Idle`
 * and `Lazy` are the many actors of the memory and lazy-creation cases (one class for every name, see
 * `benchModules`).
 */
import { JSActor, type ReceiveMessageArgument } from '@actorpair/core';
import { sizeOf } from '../lib/payloads.js';

/** The asking side: sends only. */
export class EchoParent extends JSActor {}

export class EchoChild extends JSActor {
  count = 0;
  receiveMessage(message: ReceiveMessageArgument): unknown {
    switch (message.name) {
      case 'echo':
        return message.data;
      case 'fire':
        this.count++;
        return undefined;
      case 'count': {
        const count = this.count;
        this.count = 0;
        return count;
      }
      case 'size':
        return sizeOf(message.data);
      case 'hang':
        return new Promise(() => {});
    }
    return undefined;
  }
}

/** An actor that exists and does nothing: what an idle pair costs. */
export class IdleParent extends JSActor {}
export class IdleChild extends JSActor {
  receiveMessage(): unknown {
    return undefined;
  }
}

/** Module URIs of the benchmark actors. */
export const ECHO_URI = 'bench:Echo';
export const IDLE_URI = 'bench:Idle';

const echoModule = { EchoParent, EchoChild };
/** Every `Idle<n>Parent` / `Idle<n>Child` is the same class: the loader answers any name with it. */
const idleModule = new Proxy({} as Record<string, unknown>, {
  get: (_, key) => (String(key).endsWith('Parent') ? IdleParent : IdleChild),
});

/** The synchronous module loader both sides use (a `require` cache, in effect). */
export function loadBenchModule(uri: string): unknown {
  if (uri === ECHO_URI) return echoModule;
  if (uri === IDLE_URI) return idleModule;
  throw new Error(`Cannot find module '${uri}'`);
}
