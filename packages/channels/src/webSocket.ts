import { errors } from './errors.js';

/** The part of the WebSocket API the channels use: the browser's WebSocket and the `ws` package both have it. */
export interface ChannelSocket {
  readonly readyState: number;
  readonly protocol: string;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: string, listener: (event: any) => void, options?: { once?: boolean }): void;
  removeEventListener(type: string, listener: (event: any) => void): void;
}

/** A WebSocket constructor. */
export type WebSocketClass = new (url: string, protocols?: string | string[]) => ChannelSocket;

/** `WebSocket.OPEN`. */
export const OPEN = 1;

let chosen: WebSocketClass | undefined;

/**
 * Sets the WebSocket class the channels use. Not needed in browsers, nor in Node, where the client loads the `ws`
 * package when the global has no WebSocket.
 */
export function setWebSocketImplementation(klass: WebSocketClass | undefined): void {
  chosen = klass;
}

/** The WebSocket class to use: the one set, the global's, else `ws`'s. */
export async function webSocketClass(): Promise<WebSocketClass> {
  if (chosen) return chosen;
  const global = (globalThis as { WebSocket?: WebSocketClass }).WebSocket;
  if (typeof global === 'function') return global;
  const name = 'ws';
  try {
    chosen = ((await import(/* @vite-ignore */ name)) as { WebSocket: WebSocketClass }).WebSocket;
    return chosen;
  } catch (error) {
    throw errors.noWebSocket(error);
  }
}
