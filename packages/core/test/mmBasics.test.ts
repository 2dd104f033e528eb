/**
 * The message managers' copies of core's error and port helpers (`messageManager/mmBasics.ts`, kept apart so that
 * a frame's on-demand message manager shares no module with its start-up) behave as core's own.
 */
import { describe, expect, it } from 'vitest';
import { MessageChannel } from 'node:worker_threads';
import { domError as coreDomError, ErrorName as coreErrorName } from '../src/errors.js';
import * as errors from '../src/errors.js';
import { portsIn as corePortsIn } from '../src/portsIn.js';
import { badMessageName, domError, ErrorName, portsIn } from '../src/messageManager/mmBasics.js';

const described = (error: Error | DOMException) => ({
  class: error.constructor,
  name: error.name,
  message: error.message,
  code: (error as DOMException).code,
  cause: Object.getOwnPropertyDescriptor(error, 'cause'),
});

describe("the message managers' copies of core's helpers", () => {
  it('name the same DOMExceptions', () => {
    expect(ErrorName).toEqual(coreErrorName);
  });

  it('build the same DOMExceptions, with and without a cause', () => {
    for (const name of Object.values(ErrorName)) {
      expect(described(domError(name, 'why'))).toEqual(described(coreDomError(name, 'why')));
      const cause = new Error('under');
      expect(described(domError(name, 'why', cause))).toEqual(described(coreDomError(name, 'why', cause)));
    }
  });

  it("throw errors.messageName's TypeError", () => {
    for (const name of [1, null, undefined, {}]) expect(described(badMessageName(name))).toEqual(described(errors.messageName(name)));
  });

  it('find the same ports in a transfer list', () => {
    const { port1, port2 } = new MessageChannel();
    try {
      const buffer = new ArrayBuffer(8);
      for (const transfer of [[], [buffer], [port1, buffer, port2], [{ postMessage: () => {} }, null, 'x']]) {
        expect(portsIn(transfer)).toEqual(corePortsIn(transfer));
      }
    } finally {
      port1.close();
    }
  });
});
