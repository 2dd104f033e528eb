/**
 * The main process's side of process actors: the registry, the children (workers, forked and remote processes),
 * and the main process's own in-process pair (`childID` 0, for `includeParent`).
 */
import {
  ActorRegistry,
  Connection,
  inProcessSyncChannel,
  TraceRecorder,
  xstateLifecycle,
  type ActorEntry,
  type SyncReplier,
  type ActorSideOptions,
  type Endpoint,
  type ErrorReporter,
  type HeartbeatOptions,
  type RegistrationOptions,
} from '@actorpair/core';
import { actorClassName } from '@actorpair/core';
import { DEFAULT_TEXT_MAX_FRAME, defaultReport, errors, exportedClass, inProcessPair, processErrors } from '@actorpair/core/internal';
import type { WebSocket } from 'ws';
import type { ChildHandle } from './ChildHandle.js';
import { ParentProcessMessageManager } from './messageManagers/ParentProcessMessageManager.js';
import { DOMProcessChild, type ProcessDataSeed } from './DOMProcessChild.js';
import { DOMProcessParent, type ProcessKind } from './DOMProcessParent.js';
import { forkConfinement, type ForkPermissions } from './launchers/forkPermissions.js';
import { launchFork, type ForkSerialization } from './launchers/launchFork.js';
import { DEFAULT_MAX_QUEUED } from './transports/queueBound.js';
import { launchWorker } from './launchers/launchWorker.js';
import type { Launched } from './launchers/Launched.js';
import { ModuleLoader, isRelativeSpecifier } from './ModuleLoader.js';
import { carryPorts } from './ports/carriers.js';
import { PARENT_CHILD_ID, PARENT_REMOTE_TYPE, processFilterProblem } from './processFilter.js';
import { RemoteListener, type ListenOptions } from './RemoteListener.js';
import { webSocketEndpoint } from './transports/webSocketEndpoint.js';
import { installProcessTracing } from './tracing/processTracing.js';
import { isOpenTelemetryEnabled } from './tracing/openTelemetry.js';
import type { HostSnapshot } from './inspector/HostSnapshot.js';
import { startInspectorServer, type InspectorServer, type InspectorServerOptions } from './inspector/serveInspector.js';

/** The child side of a process actor registration. */
export interface ProcessActorChildOptions extends ActorSideOptions {
  /** Observer topics: `notifyObservers(subject, topic, data)` in the child creates the actor and calls `observe`. */
  observers?: string[];
}

/** What `registerProcessActor` takes. */
export interface ProcessActorOptions {
  /** The parent side: `{ esModuleURI }` of a module exporting `FooParent`, or `{ actor: FooParent }`. */
  parent?: ActorSideOptions;
  /** The child side: `{ esModuleURI }` of a module exporting `FooChild`, loaded in the child on first use. */
  child?: ProcessActorChildOptions;
  /** Only children whose `remoteType` starts with one of these (default: every child). */
  remoteTypes?: string[];
  /** Also a pair inside the main process itself, `childID` 0 (default false). */
  includeParent?: boolean;
}

/** What `spawn` takes. */
export interface SpawnOptions {
  /** A worker thread or a forked process. */
  kind: 'worker' | 'fork';
  /** The type the host gives the child, matched by `remoteTypes` (default `web`). */
  remoteType?: string;
  /** URL (or path) of a module the child runs once its runtime is up, before it says hello. */
  entry?: string | URL;
  /** Extra Node flags for the child. */
  execArgv?: string[];
  /** The child's environment (default: this process's). */
  env?: NodeJS.ProcessEnv;
  /** Check liveness by heartbeats too (a hung child is then treated as dead). Default: exit events only. */
  heartbeat?: HeartbeatOptions;
  /** Fork only: how the channel's records carry envelopes (default `advanced`, the measured faster one). */
  serialization?: ForkSerialization;
  /**
   * Fork only: run the child under Node's permission model. It may read what it needs to run (the runtime, the
   * packages in reach of it and of the actor modules, the directories of the actor modules and of the entry) and
   * `fsRead`; write only `fsWrite`; start processes or threads only with `childProcess` / `worker`. Modules
   * registered later load in this child only from directories it may read.
   */
  permissions?: ForkPermissions;
  /**
   * Milliseconds the child has to say hello (default 30,000). A child that does not (its entry module hangs, or it
   * is not an actorpair child at all) is killed and `spawn` rejects with a `TimeoutError`.
   */
  handshakeTimeout?: number;
}

const DEFAULT_SPAWN_HANDSHAKE_MS = 30_000;

/** The frame limit of forked children when the host sets none (their records are measured for free). */
const DEFAULT_FORK_FRAME = 64 * 1024 * 1024;

/** Options of a {@link ProcessHost}. */
export interface ProcessHostOptions {
  /** Receives errors that are reported rather than thrown (throwing hooks, malformed frames from a child). */
  onError?: ErrorReporter;
  /**
   * Largest frame, both ways: UTF-16 code units on text transports (remote; default 4 Mi); bytes of a record on a
   * fork's channel (default 64 MiB, measured for free); when set, also serialized bytes on worker channels
   * (measured with `v8.serialize`, which costs).
   */
  maxFrameBytes?: number;
  /**
   * Forks and remote children: bytes queued for a child that is not reading (on its channel socket, or its
   * WebSocket's `bufferedAmount`) past which actor sends to it throw `QuotaExceededError` (default 16 MiB); at twice
   * as many the child is declared unresponsive, its connection ends and it is killed (a remote one's socket is
   * closed with 1008 and dropped).
   */
  maxQueuedBytes?: number;
  /** Milliseconds a closing child gets to exit by itself before it is killed (default 2000). */
  closeTimeout?: number;
  /**
   * The caller's frames in query errors: `true` (default) the awaiting callers', found only when a query fails;
   * `'eager'` the synchronous frames of every `sendQuery` call (about 4 µs each); `false` none.
   */
  captureStacks?: boolean | 'eager';
  /** Most queries one parent actor may have pending, or be answering (default 100,000). */
  maxPendingQueries?: number;
}

/**
 * Registers process actors and runs their children.
 *
 * ```ts
 * const host = new ProcessHost();
 * host.registerProcessActor('Hash', { parent: { esModuleURI }, child: { esModuleURI } });
 * const proc = await host.spawn({ kind: 'worker' });
 * const digest = await proc.getActor('Hash').sendQuery('Hash', 'text');
 * await host.close();
 * ```
 */
export class ProcessHost {
  readonly #registry = new ActorRegistry();
  readonly #loader = new ModuleLoader();
  readonly #options: ProcessHostOptions;
  readonly #processes = new Map<number, DOMProcessParent>();
  readonly #listeners = new Set<RemoteListener>();
  readonly #parentProcess: DOMProcessParent;
  readonly #domProcessChild: DOMProcessChild;
  #lastChildID = 0;
  #closing: Promise<void> | undefined;
  /** Rates and history for `inspect()`, of this host's parent-side connections. */
  readonly #recorder = new TraceRecorder();
  readonly #inspectors = new Set<InspectorServer>();
  /**
   * The global parent process message manager: a broadcaster over every child's `proc.messageManager`, the
   * main process's own (`childID` 0) first. See {@link ParentProcessMessageManager}.
   */
  readonly ppmm: ParentProcessMessageManager;

  constructor(options: ProcessHostOptions = {}) {
    installProcessTracing();
    this.#options = options;
    const report = options.onError ?? defaultReport;
    this.ppmm = new ParentProcessMessageManager(report);
    let sync!: ReturnType<typeof inProcessSyncChannel>;
    // The main process's own pair: its child side learns registrations at once, as both sides share one process.
    const pair = inProcessPair({
      registry: this.#registry,
      learns: 'at once',
      parent: (parentEnd) => {
        sync = inProcessSyncChannel(parentEnd);
        return this.#manage(parentEnd, {
          childID: PARENT_CHILD_ID,
          remoteType: PARENT_REMOTE_TYPE,
          kind: 'parent',
          handle: { osPid: process.pid, kill: () => {}, exited: Promise.resolve() },
          syncReplier: sync.replier,
        });
      },
      child: (childEnd, side) => {
        const childConnection = new Connection(childEnd, {
          side: 'child',
          info: { osPid: process.pid },
          onError: options.onError,
          maxFrameBytes: options.maxFrameBytes,
          lifecycle: xstateLifecycle,
        });
        carryPorts(childConnection, 'parent', report);
        return new DOMProcessChild(childConnection, {
          ...side,
          loadModule: (uri) => this.#loader.load(uri),
          childID: PARENT_CHILD_ID,
          remoteType: PARENT_REMOTE_TYPE,
          onError: options.onError,
          captureStacks: options.captureStacks,
          maxPendingQueries: options.maxPendingQueries,
          syncWaiter: sync.waiter,
          // The main process's own child shares the very object (as in Firefox); shared data arrives by flush.
          processData: () => this.#processData(),
        });
      },
    });
    this.#parentProcess = pair.parent;
    this.#domProcessChild = pair.child;
  }

  /**
   * Registers actor `name` for every child, those running included. Throws `NotSupportedError` for a name already
   * registered, options with neither side, or a relative `esModuleURI` (`./Foo.js` would resolve against this
   * package, not your module: pass `new URL('./Foo.js', import.meta.url).href`).
   *
   * The parent module is imported in this process now (the child module too, with `includeParent`). The promise
   * resolves once that is done, and rejects with `NotFoundError` (`Could not find actor constructor 'FooParent':
   * Cannot find module '/app/Foo.js'`, the import's error as `cause`) if it fails or lacks the class. The name stays
   * registered either way, as in Firefox, where registering never loads anything: `getActor` then throws the same
   * error. Not awaiting the promise is fine (its rejection is never reported as unhandled). `spawn` waits for it.
   */
  registerProcessActor(name: string, options: ProcessActorOptions): Promise<void> {
    for (const side of [options?.parent, options?.child]) {
      const uri = side?.esModuleURI;
      if (typeof uri === 'string' && isRelativeSpecifier(uri)) throw processErrors.relativeModuleURI(name, uri);
    }
    this.#registry.register('process', name, options as RegistrationOptions);
    const loads: Promise<void>[] = [];
    if (options.parent?.esModuleURI) loads.push(this.#preload(options.parent.esModuleURI, actorClassName(name, 'parent')));
    if (options.includeParent && options.child?.esModuleURI) {
      loads.push(this.#preload(options.child.esModuleURI, actorClassName(name, 'child')));
    }
    const loaded = Promise.all(loads).then(() => {});
    loaded.catch(() => {}); // for callers that do not await it: getActor throws the same error later
    return loaded;
  }

  /** Imports `uri` in this process; rejects as `getActor` would throw if it fails or lacks `className`. */
  async #preload(uri: string, className: string): Promise<void> {
    let module: unknown;
    try {
      module = await this.#loader.preload(uri);
    } catch (error) {
      throw errors.noConstructor(className, error);
    }
    exportedClass(module, className);
  }

  /** Unregisters `name`: every pair of that name is destroyed on both sides. Never throws. */
  unregisterProcessActor(name: string): void {
    this.#registry.unregister(name);
  }

  /** Resolves once the modules that registrations import in the main process are loaded or have failed (never rejects). */
  whenLoaded(): Promise<void> {
    return this.#loader.settled();
  }

  /**
   * Starts a child and resolves with its {@link DOMProcessParent} once it is connected and ready for actor
   * traffic. Rejects if the child ends first (its entry threw, it crashed).
   */
  async spawn(options: SpawnOptions): Promise<DOMProcessParent> {
    this.#assertOpen();
    const { kind, remoteType = 'web', entry, execArgv, env, heartbeat } = options ?? {};
    if (kind !== 'worker' && kind !== 'fork') throw processErrors.unknownSpawnKind(kind);
    if (options.permissions && kind !== 'fork') throw processErrors.permissionsForForksOnly(kind);
    await this.#loader.settled();
    this.#assertOpen();
    const childID = ++this.#lastChildID;
    const allowed = (entry: ActorEntry) => entry.kind === 'process' && processFilterProblem(entry, childID, remoteType) === null;
    const seed = {
      childID,
      remoteType,
      registry: this.#registry.toWire(allowed),
      processData: this.#processData(),
      openTelemetry: isOpenTelemetryEnabled(),
    };
    const launch = { seed, entry: entry === undefined ? undefined : String(entry), execArgv, env, heartbeat };
    // A fork's channel measures every record for free, so forks always have a limit; both ends learn this one.
    const forkFrame = this.#options.maxFrameBytes ?? DEFAULT_FORK_FRAME;
    const maxFrameBytes = kind === 'fork' ? forkFrame : this.#options.maxFrameBytes;
    const report = this.#options.onError ?? defaultReport;
    const launched: Launched =
      kind === 'worker'
        ? launchWorker(launch)
        : launchFork(launch, {
            serialization: options.serialization,
            maxFrameBytes: forkFrame,
            maxQueuedBytes: this.#options.maxQueuedBytes ?? DEFAULT_MAX_QUEUED,
            report,
            confinement: options.permissions && forkConfinement(options.permissions, [
              ...seed.registry.flatMap((actor) => actor.child?.esModuleURI ?? []),
              ...(launch.entry ? [launch.entry] : []),
            ]),
          });
    const proc = this.#manage(launched.endpoint, {
      childID,
      remoteType,
      kind,
      handle: launched.handle,
      heartbeat,
      maxFrameBytes,
      syncReplier: launched.syncReplier(report),
    });
    proc.start();
    const handshakeMs = options.handshakeTimeout ?? DEFAULT_SPAWN_HANDSHAKE_MS;
    let timedOut = false;
    const watch = setTimeout(() => {
      timedOut = true;
      proc.destroy(`no hello within ${handshakeMs} ms`);
      launched.handle.kill();
    }, handshakeMs);
    try {
      await proc.connection.ready;
    } catch {
      const reason = await proc.closed;
      await launched.handle.exited;
      throw timedOut
        ? processErrors.spawnNoHello(kind, childID, handshakeMs)
        : processErrors.childNotReady(kind, childID, reason);
    } finally {
      clearTimeout(watch);
    }
    return proc;
  }

  /** Listens for remote children over WebSocket; see {@link ListenOptions}. */
  async listen(options: ListenOptions): Promise<RemoteListener> {
    this.#assertOpen();
    const report = this.#options.onError ?? defaultReport;
    // A socket message is UTF-8: up to 3 bytes per UTF-16 code unit of the largest frame the connection accepts.
    const maxPayload = options.maxPayload ?? 3 * (this.#options.maxFrameBytes ?? DEFAULT_TEXT_MAX_FRAME);
    const listener = await RemoteListener.open({ ...options, maxPayload }, (socket, settings) => this.#adoptSocket(socket, settings), report);
    this.#listeners.add(listener);
    return listener;
  }

  /** Every live process, the main process's own (`childID` 0) first, then children in spawn order. */
  getAllDOMProcesses(): DOMProcessParent[] {
    const all = [...this.#processes.values()];
    return this.#parentProcess.isDestroyed ? all : [this.#parentProcess, ...all];
  }

  /** The main process's own {@link DOMProcessParent} (`childID` 0): its actors exist only with `includeParent`. */
  get parentProcess(): DOMProcessParent {
    return this.#parentProcess;
  }

  /** The main process's own {@link DOMProcessChild} (`childID` 0), the other side of {@link parentProcess}. */
  get domProcessChild(): DOMProcessChild {
    return this.#domProcessChild;
  }

  /** Ends every child (in order, killing those that do not exit in time), stops listening, settles everything. */
  close(): Promise<void> {
    return (this.#closing ??= (async () => {
      // Stop accepting first; a listener's server is fully closed once its children's sockets are.
      const listeners = Promise.all([...this.#listeners].map((listener) => listener.close()));
      await Promise.all([...this.#processes.values()].map((proc) => proc.close('the host closed')));
      this.#parentProcess.destroy('the host closed');
      await listeners;
      await Promise.all([...this.#inspectors].map((inspector) => inspector.close()));
      this.#recorder.stop();
    })());
  }

  /**
   * The host as plain data (JSON as it is): every process with its kind, pid, remoteType, connection state, manager,
   * live actors and their pending queries, message rates, and the last teardowns and errors. Rates, query ages and
   * history are recorded from the first `inspect()` or `serveInspector()` on, until `close()`.
   *
   * ```ts
   * const { children } = host.inspect();
   * for (const child of children) console.log(child.childID, child.kind, child.state, child.actors.length);
   * ```
   */
  inspect(): HostSnapshot {
    if (!this.#closing) this.#recorder.start();
    const recorder = this.#recorder;
    return {
      host: {
        kind: 'ProcessHost',
        pid: process.pid,
        uptime: process.uptime() * 1000,
        at: Date.now(),
        closing: this.#closing !== undefined,
        recordingSince: recorder.since,
        listeners: [...this.#listeners].map((listener) => listener.url),
      },
      registered: [...this.#registry.entries()].map((entry) => entry.name),
      children: this.getAllDOMProcesses().map((proc) => ({
        childID: proc.childID,
        kind: proc.kind,
        pid: proc.osPid,
        remoteType: proc.remoteType,
        ...recorder.snapshotOf(proc),
      })),
      ...recorder.history(),
    };
  }

  /**
   * Serves a live page of {@link inspect} (Server-Sent Events, a redraw every `interval` ms) until the returned
   * server's `close()` or `host.close()`. Listens on `127.0.0.1` and a free port unless told otherwise.
   *
   * ```ts
   * const inspector = await host.serveInspector({ host: '127.0.0.1', port: 0 });
   * console.log(`inspector at ${inspector.url}`);
   * ```
   */
  async serveInspector(options: InspectorServerOptions = {}): Promise<InspectorServer> {
    this.#assertOpen();
    this.#recorder.start();
    const server = await startInspectorServer(() => this.inspect(), options);
    this.#inspectors.add(server);
    const close = server.close;
    return {
      url: server.url,
      close: () => {
        this.#inspectors.delete(server);
        return close();
      },
    };
  }

  #assertOpen(): void {
    if (this.#closing) throw processErrors.processHostClosed();
  }

  /** `initialProcessData` and `sharedData` as a starting child gets them (cloned by its transport). */
  #processData(): ProcessDataSeed {
    return { initial: this.ppmm.initialProcessData, shared: this.ppmm.sharedData.snapshot() };
  }

  /** Makes the manager of one child on `endpoint`, watched by the inspector; the caller starts it. */
  #manage(
    endpoint: Endpoint,
    child: {
      childID: number;
      remoteType: string;
      kind: ProcessKind;
      handle: ChildHandle;
      heartbeat?: HeartbeatOptions;
      /** This child's frame limit, when it is not the host's own (forks always have one). */
      maxFrameBytes?: number;
      syncReplier: SyncReplier | null;
    },
  ): DOMProcessParent {
    const { onError, maxFrameBytes, closeTimeout = 2000, captureStacks, maxPendingQueries } = this.#options;
    const info: Record<string, unknown> = { childID: child.childID, remoteType: child.remoteType };
    // A remote child learns the process data from the hello; the others were seeded with it.
    if (child.kind === 'remote') info.processData = this.#processData();
    // A remote child was not seeded: it learns from the hello that queries carry trace context.
    if (child.kind === 'remote' && isOpenTelemetryEnabled()) info.openTelemetry = true;
    const connection = new Connection(endpoint, {
      side: 'parent',
      info,
      heartbeat: child.heartbeat,
      maxFrameBytes: child.maxFrameBytes ?? maxFrameBytes,
      onError,
      lifecycle: xstateLifecycle,
    });
    carryPorts(connection, child.kind, onError ?? defaultReport);
    const proc = new DOMProcessParent(connection, {
      registry: this.#registry,
      loadModule: (uri) => this.#loader.load(uri),
      onError,
      captureStacks,
      maxPendingQueries,
      childID: child.childID,
      remoteType: child.remoteType,
      processKind: child.kind,
      handle: child.handle,
      graceMs: closeTimeout,
      onGone: (gone) => {
        if (this.#processes.get(gone.childID) === gone) this.#processes.delete(gone.childID);
      },
      ppmm: this.ppmm,
      syncReplier: child.syncReplier,
    });
    if (child.childID !== PARENT_CHILD_ID) this.#processes.set(child.childID, proc);
    this.#recorder.watch(connection, child.childID === PARENT_CHILD_ID ? 'main process' : `child ${child.childID} (${child.kind})`);
    return proc;
  }

  async #adoptSocket(
    socket: WebSocket,
    settings: { remoteType: string; heartbeat: HeartbeatOptions; handshakeTimeout: number },
  ): Promise<DOMProcessParent> {
    if (this.#closing) {
      socket.terminate();
      throw processErrors.processHostClosed();
    }
    const exited = new Promise<void>((resolve) => {
      if (socket.readyState === socket.CLOSED) resolve();
      else socket.once('close', () => resolve());
    });
    const maxQueuedBytes = this.#options.maxQueuedBytes ?? DEFAULT_MAX_QUEUED;
    const proc = this.#manage(webSocketEndpoint(socket, { maxQueuedBytes }), {
      childID: ++this.#lastChildID,
      remoteType: settings.remoteType,
      kind: 'remote',
      heartbeat: settings.heartbeat,
      syncReplier: null,
      handle: { osPid: null, kill: () => socket.terminate(), exited },
    });
    proc.start();
    // A socket that never says hello is dropped like one that stops answering.
    const helloTimer = setTimeout(() => {
      (this.#options.onError ?? defaultReport)(processErrors.noHello(proc.childID, settings.handshakeTimeout), 'remote listener');
      proc.kill();
    }, settings.handshakeTimeout);
    try {
      await proc.connection.ready;
    } finally {
      clearTimeout(helloTimer);
    }
    return proc;
  }
}
