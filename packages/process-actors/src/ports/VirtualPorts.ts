/**
 * Ports over a link that cannot move native ports (a forked or remote child's connection, a direct socket between
 * two children): each port crossing it becomes an id, and a {@link Bridge} on each side turns the `port` and
 * `portclose` envelopes of that id into messages and the close of a local native port. The envelopes travel with
 * the link's other traffic, so a port's messages keep their order relative to the actor messages around them.
 *
 * Two children holding the two ends of one channel can be introduced to each other (`portdirect`): the main
 * process then stops relaying once both have moved to a link of their own (see `directLink.ts`), with `portmark`
 * envelopes marking where each side's relayed traffic ends, so no message overtakes another.
 */
import type { MessagePort } from 'node:worker_threads';
import type { Envelope, OutgoingPorts, PortCarrier, PortEnvelope, WirePort } from '@actorpair/core';
import { MessagePortMain, peerMainOf, postPorts, type PortPath, type Posted } from './MessagePortMain.js';
import { arrivedWith, nativeChannel, nativePeerOf, reads, unread } from './nativePeers.js';
import { checkTransfer, isNativePort } from './transferList.js';

/** Posted on a relaying native port to mark the end of one side's relayed traffic (never a user message: those are arrays). */
const MARK = 'actorpair:mark';

/** Opens a direct link for a bridge when the main process asks: resolves with the link, the bridge under id 1. */
export type DirectOpener = (role: 'listen' | 'connect', path: string, token: string, signal: AbortSignal) => Promise<VirtualPorts>;

/** Asks two children to link directly: what the main process gives the links to its forked children. */
export type Introducer = (listener: Bridge, connector: Bridge) => void;

/** Options of a {@link VirtualPorts}. */
export interface VirtualPortsOptions {
  /** Sends one envelope over the link, in order with its other traffic. */
  send(frame: PortEnvelope): void;
  /** The first id this side picks; ids go up by 2, so two sides starting at an odd and an even id never pick the same. */
  firstId: number;
  /** Main process, forked child: introduce two children holding the two ends of one channel. */
  introduce?: Introducer;
  /** Child: how to open a direct link when asked; without it, `portdirect` is refused (the port stays relayed). */
  openDirect?: DirectOpener;
  /** A direct link: called when its last port closed. */
  onIdle?(): void;
  /** A direct link between two children: the ports it carries go `direct`, not `relayed`. */
  direct?: boolean;
  /** Reports what cannot be thrown (a message that could not be relayed). */
  report(error: unknown, context: string): void;
}

const bridgeOf = new WeakMap<MessagePort, Bridge>();

/** A port that already travels over a link where it is: sent on, its traffic passes through here. */
function isCarried(path: PortPath): boolean {
  return path === 'relayed' || path === 'direct';
}

/** The ports carried over one link, both ways; also the connection's port carrier. */
export class VirtualPorts implements PortCarrier {
  readonly options: VirtualPortsOptions;
  readonly #bridges = new Map<number, Bridge>();
  #nextId: number;
  #closed = false;

  constructor(options: VirtualPortsOptions) {
    this.options = options;
    this.#nextId = options.firstId;
  }

  /** How many ports this link carries. */
  get size(): number {
    return this.#bridges.size;
  }

  outgoing(envelope: Envelope & { p?: WirePort[] }, transfer: readonly unknown[]): OutgoingPorts {
    checkTransfer(transfer);
    const ports = envelope.p;
    if (!ports?.length) return { envelope, transfer: undefined, commit() {} };
    const planned: Array<[MessagePort, MessagePortMain | null, number]> = [];
    const p = ports.map((item) => {
      if (item instanceof MessagePortMain) {
        const id = this.#takeId();
        planned.push([MessagePortMain.nativeOf(item), item, id]);
        return { v: id };
      }
      if (isNativePort(item)) {
        const id = this.#takeId();
        planned.push([item, null, id]);
        return { v: id };
      }
      return item;
    });
    return {
      envelope: { ...envelope, p } as Envelope,
      // The link copies what it sends: nothing is moved by its transport.
      transfer: undefined,
      commit: () => {
        for (const [port, main, id] of planned) {
          if (main) MessagePortMain.detach(main);
          this.#introduce(this.#bridge(id, port, null));
        }
      },
    };
  }

  incoming(ports: WirePort[]): unknown[] {
    return ports.map((item) => {
      const [port, path, bridge] = this.#arrive(item);
      const main = MessagePortMain.wrap(port, path);
      if (bridge) bridge.wrapper = new WeakRef(main);
      return main;
    });
  }

  received(frame: PortEnvelope): void {
    const bridge = this.#bridges.get(frame.i);
    if (!bridge) return; // a port that already closed here
    switch (frame.k) {
      case 'port': {
        const arrived = frame.p?.map((item) => this.#arrive(item));
        return bridge.deliver(this, frame.d, arrived);
      }
      case 'portclose':
        return bridge.remoteClosed();
      case 'portmark':
        return bridge.marked(this);
      case 'portdirect':
        return bridge.goDirect(frame.role, frame.path, frame.token);
    }
  }

  closed(): void {
    this.#closed = true;
    for (const bridge of [...this.#bridges.values()]) bridge.remoteClosed();
  }

  /** @internal Sends what a bridge's local port posted, its ports made virtual over this link. */
  sendPosted(id: number, posted: Posted): void {
    const frame: PortEnvelope = { k: 'port', i: id, d: posted[0] };
    if (posted.length === 1) return this.send(frame);
    const [, ports, paths] = posted;
    const bridges = ports.map((port) => this.#bridge(this.#takeId(), port, null));
    // Over a direct link, a port whose other end is not in this process is relayed here: the other side says so.
    frame.p = bridges.map((bridge, i) => (this.options.direct && isCarried(paths[i]) ? { v: bridge.id, r: 'relayed' } : { v: bridge.id }));
    this.send(frame);
    // Only now that the other side knows the ids: asking it to link one directly earlier would name no port there.
    for (const bridge of bridges) this.#introduce(bridge);
  }

  /** @internal Sends a frame; a link that has ended drops it. */
  send(frame: PortEnvelope): void {
    if (this.#closed) return;
    try {
      this.options.send(frame);
    } catch (error) {
      this.options.report(error, `a message on a port could not be relayed`);
    }
  }

  /** @internal Carries `bridge` under `id` (a direct link takes over a relayed port as id 1). */
  adopt(id: number, bridge: Bridge): void {
    this.#bridges.set(id, bridge);
  }

  /** @internal `bridge` no longer takes frames of `id` from this link. */
  drop(id: number): void {
    if (!this.#bridges.delete(id) || this.#bridges.size !== 0) return;
    this.options.onIdle?.();
  }

  /** A port described by the other side, as a native port here: a virtual one gets a bridge of its own. */
  #arrive(item: WirePort): [MessagePort, PortPath, Bridge | null] {
    const id = (item as { v?: unknown }).v;
    if (typeof id !== 'number') {
      if (!isNativePort(item)) throw new TypeError('[actorpair] a port arrived that is neither a port nor a virtual one');
      return [item, 'native', null];
    }
    // Ids the other side picks have the other parity, and name no port this link already carries.
    if (id % 2 === this.options.firstId % 2 || this.#bridges.has(id)) throw new TypeError(`[actorpair] a port arrived with a bad id (${id})`);
    const [local, user] = nativeChannel();
    const path = (item as { r?: unknown }).r === 'relayed' ? 'relayed' : this.#path;
    return [user, path, this.#bridge(id, local, user)];
  }

  /** How the ports carried over this link travel. */
  get #path(): PortPath {
    return this.options.direct ? 'direct' : 'relayed';
  }

  #bridge(id: number, local: MessagePort, user: MessagePort | null): Bridge {
    const bridge = new Bridge(this, id, local);
    this.#bridges.set(id, bridge);
    // A port-main still here on the other end of `local` now goes over this link.
    const kept = user === null ? peerMainOf(local) : undefined;
    if (kept) {
      MessagePortMain.setPath(kept, this.#path);
      bridge.wrapper = new WeakRef(kept);
    }
    if (this.options.introduce) bridgeOf.set(local, bridge);
    return bridge;
  }

  /**
   * Main process, once the other side knows `bridge`'s id: when the other end of its channel is carried to another
   * forked child by a bridge here too, the two children are introduced for a direct link.
   */
  #introduce(bridge: Bridge): void {
    const introduce = this.options.introduce;
    if (!introduce) return;
    const peer = nativePeerOf(bridge.local);
    const other = peer && bridgeOf.get(peer);
    if (other && other.link !== this && other.link.options.introduce && other.idle && bridge.idle) introduce(other, bridge);
  }

  #takeId(): number {
    const id = this.#nextId;
    this.#nextId += 2;
    return id;
  }
}

/**
 * One port carried over a link: `local` is a native port whose other end is the port the program holds (or a
 * port moving on to somewhere else). What the program posts arrives on `local` and goes out over the link; what
 * arrives over the link is posted on `local`.
 */
export class Bridge {
  /** The link this bridge sends over (a direct link, once it took over). */
  link: VirtualPorts;
  /** The id of this port on {@link link}. */
  id: number;
  /** The port-main the program got, when this bridge made it (its `path` becomes `direct` with a direct link). */
  wrapper: WeakRef<MessagePortMain> | undefined;
  /** Main process: the bridge to the child holding the other end, while the two are introduced. */
  partner: Bridge | null = null;
  readonly local: MessagePort;
  /** Outgoing messages waiting for a direct link (a `null` is the close). */
  #queue: Array<Posted | null> | null = null;
  /** Messages that came over the direct link before the relayed ones had all arrived. */
  #gate: Array<() => void> = [];
  /** The link being left for a direct one, until its last relayed message arrived, and the id there. */
  #leaving: VirtualPorts | null = null;
  #leavingId = 0;
  #opening: AbortController | null = null;
  #markIn = false;
  #markOut = false;
  #done = false;

  constructor(link: VirtualPorts, id: number, local: MessagePort) {
    this.link = link;
    this.id = id;
    this.local = local;
    reads(local);
    local.on('message', this.#onLocal);
    local.on('close', this.#onLocalClose);
  }

  /** Neither closing nor moving to a direct link. */
  get idle(): boolean {
    return !this.#done && this.partner === null && this.#leaving === null;
  }

  /** A message for this port arrived over `from`. */
  deliver(from: VirtualPorts, data: unknown, arrived: Array<[MessagePort, PortPath, Bridge | null]> | undefined): void {
    if (this.#done) return;
    if (this.#leaving !== null && from !== this.#leaving) {
      // Over the direct link, ahead of relayed messages still on their way: held until the mark.
      this.#gate.push(() => this.deliver(from, data, arrived));
      return;
    }
    if (!arrived) return this.local.postMessage([data] satisfies Posted);
    postPorts(this.local, data, arrived.map((entry) => entry[0]), arrived.map((entry) => entry[1]));
  }

  /** The other side closed this port: the program's end closes once what arrived before is delivered. */
  remoteClosed(): void {
    if (this.#done) return;
    this.#finish();
    this.local.close();
  }

  /** `portmark` arrived over `from`. */
  marked(from: VirtualPorts): void {
    if (this.#done) return;
    if (this.partner) {
      // Main process: pass the mark on to the other child's bridge, behind what this child sent before it.
      this.#markIn = true;
      this.local.postMessage(MARK);
      return;
    }
    if (from !== this.#leaving) return;
    // Child: everything relayed has arrived; what came over the direct link meanwhile follows.
    from.drop(this.#leavingId);
    this.#leaving = null;
    const gate = this.#gate;
    this.#gate = [];
    for (const post of gate) post();
    this.#becameDirect();
  }

  /** Child: the main process asks for a direct link to the child holding the other end. */
  goDirect(role: 'listen' | 'connect', path: string, token: string): void {
    const open = this.link.options.openDirect;
    if (!open || !this.idle) return;
    const old = this.link;
    this.#leaving = old;
    this.#leavingId = this.id;
    this.#queue = [];
    this.#opening = new AbortController();
    old.send({ k: 'portmark', i: this.id });
    open(role, path, token, this.#opening.signal).then(
      (link) => {
        this.#opening = null;
        if (this.#done) return link.options.onIdle?.();
        link.adopt(1, this);
        this.link = link;
        this.id = 1;
        const queue = this.#queue ?? [];
        this.#queue = null;
        for (const posted of queue) {
          if (posted === null) return this.#closeOut();
          link.sendPosted(1, posted);
        }
        this.#becameDirect();
      },
      (error) => {
        this.#opening = null;
        if (this.#done) return;
        old.options.report(error, 'a direct port link');
        this.remoteClosed();
      },
    );
  }

  /** Both ways moved to the direct link: the program's port says so. */
  #becameDirect(): void {
    if (this.#leaving !== null || this.#queue !== null || this.#done) return;
    // A port that arrived inside another port's message was wrapped by that port, not here: found by its channel.
    const main = this.wrapper?.deref() ?? peerMainOf(this.local);
    if (main) MessagePortMain.setPath(main, 'direct');
  }

  readonly #onLocal = (posted: Posted | typeof MARK): void => {
    if (posted === MARK) return this.#partnerMarked();
    if (posted.length === 4) arrivedWith(posted[1], posted[3]);
    if (this.#queue) return void this.#queue.push(posted);
    this.link.sendPosted(this.id, posted);
  };

  readonly #onLocalClose = (): void => {
    if (this.#done) return;
    if (this.#queue) return void this.#queue.push(null);
    this.#closeOut();
  };

  #closeOut(): void {
    if (this.#done) return;
    const { link, id } = this;
    this.#finish();
    link.send({ k: 'portclose', i: id });
  }

  #finish(): void {
    this.#done = true;
    unread(this.local);
    this.local.off('message', this.#onLocal);
    this.local.off('close', this.#onLocalClose);
    this.#queue = null;
    this.#gate = [];
    this.#opening?.abort();
    this.link.drop(this.id);
    this.#leaving?.drop(this.#leavingId);
    this.#leaving = null;
  }

  /** Main process: the other child's mark came through; tell this child, and stop relaying once both passed. */
  #partnerMarked(): void {
    if (this.#done) return;
    this.link.send({ k: 'portmark', i: this.id });
    this.#markOut = true;
    const partner = this.partner;
    if (!partner || !partner.#markIn || !partner.#markOut || !this.#markIn) return;
    for (const bridge of [this, partner]) {
      bridge.#finish();
      bridge.local.close();
    }
  }
}
