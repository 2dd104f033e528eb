/** What `host.inspect()` returns: plain data (JSON as it is), built from the host's live state and its recorder. */
import type { ManagerSnapshot, TraceHistory } from '@actorpair/core';
import type { ProcessKind } from '../DOMProcessParent.js';

/** One process the host manages, the main process's own (`childID` 0) included. */
export interface ChildSnapshot extends ManagerSnapshot {
  childID: number;
  kind: ProcessKind;
  /** The OS process id (a worker's is the main process's). */
  pid: number | null;
  remoteType: string;
}

/** The host itself. */
export interface HostInfo {
  kind: 'ProcessHost';
  pid: number;
  /** Milliseconds since this process started. */
  uptime: number;
  /** `Date.now()` when the snapshot was taken. */
  at: number;
  closing: boolean;
  /** When rates, teardowns and errors started being recorded (the first `inspect()` or `serveInspector()`). */
  recordingSince: number | undefined;
  /** Where remote children connect, for each `listen()`. */
  listeners: string[];
}

/** Everything `host.inspect()` tells: the live state, and the rates and last teardowns and errors recorded. */
export interface HostSnapshot extends TraceHistory {
  host: HostInfo;
  /** The registered process actor names. */
  registered: string[];
  /** Every live process, the main process's own first. */
  children: ChildSnapshot[];
}
