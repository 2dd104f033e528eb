/**
 * The bench's own control channel to a worker or a child process (set up contenders, measure the heap): plain
 * request/reply over `parentPort` or IPC, never on a channel a contender is measured on.
 */
type Post = (message: any, transfer?: any[]) => void;
type On = (listener: (message: any) => void) => void;

export type Handlers = Record<string, (args: any) => unknown>;

export function serveControl(post: Post, on: On, handlers: Handlers): void {
  on(async (m) => {
    if (!m || typeof m.op !== 'string' || !('cid' in m)) return;
    try {
      post({ cid: m.cid, d: await handlers[m.op](m.args) });
    } catch (error) {
      post({ cid: m.cid, error: String((error as Error)?.stack ?? error) });
    }
  });
}

export type Control = (op: string, args?: unknown, transfer?: any[]) => Promise<any>;

export function controlClient(post: Post, on: On): Control {
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let lastId = 0;
  on((m) => {
    const p = m && pending.get(m.cid);
    if (!p) return;
    pending.delete(m.cid);
    if ('error' in m) p.reject(new Error(m.error));
    else p.resolve(m.d);
  });
  return (op, args, transfer) => {
    const cid = ++lastId;
    post({ op, cid, args }, transfer);
    return new Promise((resolve, reject) => pending.set(cid, { resolve, reject }));
  };
}

/** A `ChildProcess` in the parent, or `process` in the child. */
export interface IpcTarget {
  send?(message: unknown): boolean;
  on(event: string, listener: (...args: any[]) => void): unknown;
  off(event: string, listener: (...args: any[]) => void): unknown;
}

/** Control messages of the bench (lib/control.ts) carry `cid`; a contender's own traffic never does. */
export const isControl = (m: unknown): boolean => m !== null && typeof m === 'object' && 'cid' in m;

/** `target` as a contender should see it: the same channel, without the bench's control messages. */
export function withoutControl(target: IpcTarget): IpcTarget {
  const views = new Map<(...args: any[]) => void, (...args: any[]) => void>();
  return {
    send: (m) => target.send!(m),
    on(event, listener) {
      const view = event === 'message' ? (m: unknown) => void (isControl(m) || listener(m)) : listener;
      views.set(listener, view);
      return target.on(event, view);
    },
    off(event, listener) {
      return target.off(event, views.get(listener) ?? listener);
    },
  };
}
