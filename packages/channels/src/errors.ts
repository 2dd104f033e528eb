/**
 * Every error the channels client and hub throw, built in one table. Where web-platform-tests' `channel.sub.js`
 * throws, the constructor and the message are the same, so tests written for it read the same here; misuse that
 * upstream does not check throws a named DOMException.
 */

/** Builds a DOMException with a name a program can test. */
function domError(name: string, message: string): DOMException {
  return new DOMException(message, name);
}

export const errors = {
  expectedString: (value: unknown) => new TypeError(`Expected string, got ${typeof value}`),
  expectedFunction: (value: unknown) => new TypeError(`Expected function, got ${typeof value}`),
  unknownEvent: (type: string) => new Error(`Unrecognised event type ${type}`),
  secondReadSocket: () => new Error("Can't create multiple read sockets with same UUID"),
  writeSocketHandler: () => new Error("Can't set message handler for write sockets"),
  unknownSocketType: (type: string) => new Error(`Unknown type ${type}`),
  noGlobalUUID: () => new Error('URL must have a uuid parameter to use as a RemoteGlobal'),
  remoteGlobalDest: () => new TypeError('Unrecognised type, expected string or SendChannel'),
  cannotSerialize: (type: string) =>
    new TypeError(`Can't serialize value of type ${type}; consider using RemoteObject.from() to wrap the object`),
  cannotDeserialize: (type: string) => new TypeError(`Can't deserialize object of type ${type}`),
  badNumber: (value: unknown) => new Error(`Unexpected number value "${String(value)}"`),
  badSerialized: (why: string) => new TypeError(`Malformed serialized value: ${why}`),
  callNotAllowed: () =>
    domError(
      'NotAllowedError',
      'RemoteGlobal.call is off in this global: start its channel with start_global_channel({ allowCall: true }) ' +
        'to let other globals run code here',
    ),
  noHub: () =>
    domError(
      'InvalidStateError',
      'No channel hub URL: call setChannelHub("ws://host:port"), add ?hub=ws://host:port to the page URL, or set ' +
        'ACTORPAIR_CHANNEL_HUB in Node',
    ),
  badHub: (url: string) => new SyntaxError(`The channel hub URL must be ws: or wss:, got ${url}`),
  noWebSocket: (cause: unknown) =>
    Object.assign(
      domError('NotSupportedError', "No WebSocket in this global and the 'ws' package could not be loaded"),
      { cause },
    ),
  connectFailed: (uuid: string, direction: string, url: string, why: string) =>
    domError('NetworkError', `Could not open the ${direction} socket of channel ${uuid} at ${url}: ${why}`),
  closed: (uuid: string) => domError('InvalidStateError', `Channel ${uuid} was closed while connecting`),
} as const;
