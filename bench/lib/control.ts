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
