/**
 * What a Node transport (IPC, WebSocket) delivers before the connection starts listening: kept, then handed over
 * right after `start` returns, as a MessagePort would, so the caller's own hello goes out before it sees the
 * other side's. An end that comes before `start` is reported after the messages that came before it.
 */
export class EarlyInbox {
  /** True once the endpoint is closed here or its end has been reported. */
  closed = false;
  #deliver: ((message: unknown) => void) | undefined;
  #lost: ((reason: string) => void) | undefined;
  #early: unknown[] | undefined = [];
  #endReason: string | undefined;

  /** Takes one message from the transport. */
  readonly receive = (message: unknown): void => {
    if (this.#deliver) this.#deliver(message);
    else this.#early?.push(message);
  };

  /** The transport ended, for `reason`: reported once, now or after `start`. Returns false if it had already ended. */
  end(reason: string): boolean {
    if (this.#endReason !== undefined) return false;
    this.#endReason = reason;
    if (this.#lost && !this.closed) {
      this.closed = true;
      this.#lost(reason);
    }
    return true;
  }

  /** The endpoint's `start`. */
  start(onMessage: (message: unknown) => void, onClose: (reason: string) => void): void {
    queueMicrotask(() => {
      const waiting = this.#early ?? [];
      this.#early = undefined;
      for (const message of waiting) {
        if (this.closed) return;
        onMessage(message);
      }
      this.#deliver = onMessage;
      this.#lost = onClose;
      if (this.#endReason !== undefined && !this.closed) {
        this.closed = true;
        onClose(this.#endReason);
      }
    });
  }

  /** The endpoint's `close`: nothing more is delivered. */
  close(): void {
    this.closed = true;
    this.#deliver = undefined;
  }
}
