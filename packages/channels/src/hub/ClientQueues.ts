/** Counts the channels each client address has open, so that one client cannot make the hub hold unbounded queues. */
export class ClientQueues {
  private readonly byAddress = new Map<string, Map<string, number>>();

  constructor(private readonly max: number) {}

  /** Records a connection of `address` to `uuid`; false when that would pass the bound. */
  join(address: string, uuid: string): boolean {
    let uuids = this.byAddress.get(address);
    if (!uuids) {
      uuids = new Map();
      this.byAddress.set(address, uuids);
    }
    const count = uuids.get(uuid) ?? 0;
    if (count === 0 && uuids.size >= this.max) return false;
    uuids.set(uuid, count + 1);
    return true;
  }

  /** Records that the connection ended. */
  leave(address: string, uuid: string): void {
    const uuids = this.byAddress.get(address);
    const count = uuids?.get(uuid);
    if (!uuids || count === undefined) return;
    if (count > 1) uuids.set(uuid, count - 1);
    else uuids.delete(uuid);
    if (uuids.size === 0) this.byAddress.delete(address);
  }
}
