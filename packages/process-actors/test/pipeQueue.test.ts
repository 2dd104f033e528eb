/**
 * The fork channel's bound on what waits for a child that does not read, as a connection drives it: a real child
 * process on the other end of the channel, stopped with `SIGSTOP` once it has said hello.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import type { Duplex } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { Connection, ErrorName, type Envelope } from '@actorpair/core';
import { pipeEndpoint } from '../src/transports/pipeEndpoint.js';

const HELLO = fileURLToPath(new URL('./fixtures/pipeHello.mjs', import.meta.url));
const LIMIT = 64 * 1024;
const CHUNK = 'y'.repeat(16 * 1024);

describe('a fork channel whose child stops reading', () => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  /** The raw child that says hello on its channel, killed after the test. */
  function startChild() {
    const child = spawn(process.execPath, [HELLO], { stdio: ['ignore', 'ignore', 'inherit', 'pipe'] });
    const exited = once(child, 'exit');
    cleanups.push(async () => {
      child.kill('SIGKILL');
      await exited;
    });
    return { child, socket: child.stdio[3] as Duplex };
  }

  it('envelopes sent before the hello go out when it arrives, even past the bound: they were accepted at the call', async () => {
    const { child, socket } = startChild();
    const endpoint = pipeEndpoint(socket, { format: 'v8', maxRecordBytes: 1 << 20, maxQueuedBytes: LIMIT, report: () => {}, child });
    await once(socket, 'data'); // its hello, which the endpoint keeps until the connection starts
    child.kill('SIGSTOP');
    cleanups.push(() => child.kill('SIGCONT'));
    // The kernel's buffers take what comes first; from here on, what is written waits in the socket.
    while (socket.writableLength === 0) endpoint.post({ k: 'pong', pad: CHUNK }, undefined, false);

    const counts: unknown[] = [];
    const connection = new Connection(endpoint, { side: 'parent' });
    const early = 6; // 96 KiB: past the bound once they go, under twice it
    for (let i = 0; i < early; i++) connection.send({ k: 'msg', a: 'Foo', n: `early ${i}`, d: CHUNK });
    connection.start({ opened() {}, received: (envelope: Envelope) => void counts.push((envelope as { d?: unknown }).d), closed() {} });
    await connection.ready;
    expect(socket.writableLength).toBeGreaterThan(LIMIT);
    // A caller's send now is refused at the call.
    expect(() => connection.send({ k: 'msg', a: 'Foo', n: 'late', d: null })).toThrow(expect.objectContaining({ name: ErrorName.QuotaExceeded }));
    child.kill('SIGCONT');
    await expect.poll(() => counts.length, { timeout: 20_000 }).toBe(early);
    expect(counts).toEqual([1, 2, 3, 4, 5, 6]);
    connection.close();
  });
  it('an envelope sent before the hello that the channel cannot take (over its record limit) is reported and dropped; the hello and the rest go', async () => {
    const { child, socket } = startChild();
    const endpoint = pipeEndpoint(socket, { format: 'v8', maxRecordBytes: 4096, maxQueuedBytes: LIMIT, report: () => {}, child });
    const reports: Array<[unknown, string]> = [];
    const counts: unknown[] = [];
    const connection = new Connection(endpoint, { side: 'parent', onError: (error, context) => reports.push([error, context]) });
    connection.send({ k: 'msg', a: 'Foo', n: 'small', d: 1 });
    connection.send({ k: 'msg', a: 'Foo', n: 'large', d: CHUNK });
    connection.send({ k: 'msg', a: 'Foo', n: 'small again', d: 2 });
    connection.start({ opened() {}, received: (envelope: Envelope) => void counts.push((envelope as { d?: unknown }).d), closed() {} });
    await connection.ready;
    await expect.poll(() => counts.length, { timeout: 20_000 }).toBe(2);
    expect(counts).toEqual([1, 2]);
    expect(reports).toHaveLength(1);
    expect(reports[0][1]).toBe('an envelope sent before the hello');
    expect(reports[0][0]).toMatchObject({ name: 'RangeError', message: expect.stringContaining("Message 'large' of actor 'Foo'") });
    connection.close();
  });
});
