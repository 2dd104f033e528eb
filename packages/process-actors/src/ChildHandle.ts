/** What the host keeps of a child it launched or accepted, beyond the connection (internal to this package). */
export interface ChildHandle {
  /** The OS process id (the main process's own for a worker thread), or `null` when unknown. */
  readonly osPid: number | null;
  /** Ends the child at once: `worker.terminate()`, `SIGKILL` (or `signal`), or dropping the socket. */
  kill(signal?: NodeJS.Signals): void;
  /** Resolves once the child is gone (the thread or process exited, the socket closed). */
  readonly exited: Promise<void>;
}

/** @internal Waits up to `graceMs` for the child to go by itself, then kills it; resolves once it is gone. */
export async function endChild(handle: ChildHandle, graceMs: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const grace = new Promise<'late'>((resolve) => {
    timer = setTimeout(resolve, graceMs, 'late');
  });
  const outcome = await Promise.race([handle.exited, grace]);
  clearTimeout(timer);
  if (outcome === 'late') {
    handle.kill();
    await handle.exited;
  }
}
