/** The MessagePorts among a transfer list: what a message-manager envelope lists in `p`. */
function isPort(value: unknown): value is MessagePort {
  return typeof value === 'object' && value !== null && typeof (value as MessagePort).postMessage === 'function';
}

/** @internal */
export function portsIn(transfer: readonly unknown[]): MessagePort[] | undefined {
  let ports: MessagePort[] | undefined;
  for (const item of transfer) if (isPort(item)) (ports ??= []).push(item);
  return ports;
}
