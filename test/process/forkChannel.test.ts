/**
 * The fork channel against what a child can write on it. A hostile child (`fixtures/hostileChannel.mjs`, loaded
 * with `--import`, so the child runtime never starts) speaks the framing itself on its fd 3 and writes what each
 * test hands it; the host must drop and report bad records, close a channel whose stream it can no longer trust,
 * and keep serving an honest fork child all along. Honest children that nest deeply, that stop reading, or that
 * leave the host's answers unread meet the limits a fork has.
 */
import { serialize } from 'node:v8';
import { afterEach, describe, expect, it } from 'vitest';
import type { ProcessHost } from '@actorpair/process-actors';
import { closeAndCheck, makeHost } from './helpers.js';
import { CHANNEL, deepV8, dropped, hostileLog, record, setup } from './hostileChannel.js';
import { expectAnsweredThenRefused, sendUntilRefused } from './stalled.js';

describe('a hostile fork child writing on its channel', () => {
  let host: ProcessHost | undefined;
  afterEach(async () => {
    await closeAndCheck(host);
    host = undefined;
  });

  it('records that are not V8 data, or that nest 100,000 deep, are dropped and reported; the channel stays up', async () => {
    const s = await setup();
    host = s.host;
    await s.honestAnswers();
    const garbage = Buffer.from([1, 2, 3, 4, 5, 6, 7]);
    expect(await s.write(record(garbage), record(deepV8(100_000)), record(new Uint8Array(0)))).toBe('written');
    await s.honestAnswers();
    expect(dropped(s.errors)).toEqual([
      '[actorpair] a record on the channel could not be decoded',
      '[actorpair] a record on the channel could not be decoded',
      '[actorpair] a record on the channel could not be decoded',
    ]);
    expect(s.errors.map((e) => String((e.error.cause as Error).message))).toEqual([
      expect.stringMatching(/deserialize|version/i),
      expect.stringMatching(/call stack|deep/i),
      expect.stringMatching(/.+/),
    ]);
    // Still open both ways: the hostile child's next answer arrives.
    expect(await s.write()).toBe('written');
  });

  it("with serialization 'json': a record that is not JSON is dropped and reported; the channel stays up", async () => {
    const s = await setup({ serialization: 'json' });
    host = s.host;
    const notJson = [...Buffer.from('{"json": {not json')];
    const notSuperjson = [...Buffer.from('{"json": 1, "meta": {"values": [["set"]]}, "x": [')];
    expect(await s.write([...record(Buffer.from(notJson))], [...record(Buffer.from(notSuperjson))])).toBe('written');
    await s.honestAnswers();
    expect(dropped(s.errors)).toEqual([
      '[actorpair] a record on the channel could not be decoded',
      '[actorpair] a record on the channel could not be decoded',
    ]);
    expect(await s.write()).toBe('written');
  });

  it('records that decode but are not envelopes, or that claim to be the parent, are dropped by the envelope checks', async () => {
    const s = await setup();
    host = s.host;
    const values = [42, 'text', null, [1, 2], { k: 'hello', v: 1, side: 'parent', info: {} }, { k: 'reply', a: 'Hostile', id: 99, ok: true }];
    expect(await s.write(...values.map((value) => record(serialize(value))))).toBe('written');
    await s.honestAnswers();
    expect(dropped(s.errors)).toHaveLength(values.length);
  });

  it('a record length over the limit closes that child: its queries reject, it is killed, the host serves the others', async () => {
    const s = await setup({ maxFrameBytes: 1024 * 1024 });
    host = s.host;
    const pending = s.write(record(new Uint8Array(16), 0xffff_ffff));
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(await s.hostile.closed).toBe('the other side wrote a record of 4294967295 bytes, over the limit of 1048576');
    expect(dropped(s.errors)).toEqual([
      '[actorpair] the other side wrote a record of 4294967295 bytes, over the limit of 1048576 bytes: the channel is closed, its stream is no longer trusted',
    ]);
    await s.hostile.exited;
    await s.honestAnswers();
    const next = await s.host.spawn({ kind: 'fork' });
    expect(await next.getActor('TestProcessActor').sendQuery('asyncAdd', { a: 2, b: 2 })).toEqual({ result: 4 });
  });

  it('a record cut in pieces, and many records in one write, arrive whole and in order', async () => {
    const s = await setup();
    host = s.host;
    const first = record(serialize({ k: 'msg', a: 'Hostile', n: 'one', d: 'x'.repeat(100_000) }));
    const pieces = [first.subarray(0, 1), first.subarray(1, 3), first.subarray(3, 5000), first.subarray(5000)];
    const many = Buffer.concat(Array.from({ length: 50 }, (_, i) => record(serialize({ k: 'msg', a: 'Hostile', n: `m${i}`, d: i }))));
    hostileLog.length = 0;
    expect(await s.write(...pieces, many)).toBe('written');
    expect(s.errors).toEqual([]);
    expect(hostileLog).toEqual(['one', ...Array.from({ length: 50 }, (_, i) => `m${i}`)]);
  });
});

describe('honest fork children at the limits of the channel', () => {
  let host: ProcessHost | undefined;
  afterEach(async () => {
    await closeAndCheck(host);
    host = undefined;
  });

  it('a 2,500-node linked list crosses both ways, as a message, a query and a reply', async () => {
    const errors: unknown[] = [];
    host = makeHost({}, { onError: (error) => void errors.push(error) });
    host.registerProcessActor('Channel', { parent: { esModuleURI: CHANNEL }, child: { esModuleURI: CHANNEL } });
    const proc = await host.spawn({ kind: 'fork' });
    const channel = proc.getActor('Channel');
    // The child sends the list to the parent (a message, then a query whose answer is the depth it saw).
    expect(await channel.sendQuery('sendDeep', 2500)).toBe(2500);
    // The child answers with the list; the parent sends it and gets it back.
    const { depthOf, linkedList } = await import('./fixtures/Channel.js');
    expect(depthOf(await channel.sendQuery('echoDeep', 2500))).toBe(2500);
    expect(depthOf(await channel.sendQuery('echo', linkedList(2500)))).toBe(2500);
    expect(errors).toEqual([]);
  });

  it('a child that stops reading: past maxQueuedBytes, sends to it throw QuotaExceededError; once it reads again, everything queued arrives', async () => {
    const limit = 256 * 1024;
    host = makeHost({}, { maxQueuedBytes: limit });
    host.registerProcessActor('Channel', { parent: { esModuleURI: CHANNEL }, child: { esModuleURI: CHANNEL } });
    const proc = await host.spawn({ kind: 'fork' });
    const channel = proc.getActor('Channel');
    expect(await channel.sendQuery('echo', 'ready')).toBe('ready');
    process.kill(proc.osPid!, 'SIGSTOP');
    const { refused, answers } = await sendUntilRefused(channel, 'y'.repeat(1024), 64, 10_000);
    expect(refused).toMatchObject({ name: 'QuotaExceededError' });
    expect(refused!.message).toMatch(/^The other side is not reading: \d+ bytes are already queued for it, over the limit of 262144 bytes$/);
    await expect(channel.sendQuery('echo', 'more')).rejects.toMatchObject({ name: 'QuotaExceededError' });
    process.kill(proc.osPid!, 'SIGCONT');
    // Nothing was lost, and the channel carries new queries.
    await expectAnsweredThenRefused(answers);
    expect(await channel.sendQuery('echo', 'after')).toBe('after');
    expect(proc.isDestroyed).toBe(false);
  });

  it('a child that leaves twice maxQueuedBytes of answers unread is declared unresponsive and killed', async () => {
    const errors: unknown[] = [];
    host = makeHost({}, { maxQueuedBytes: 256 * 1024, onError: (error) => void errors.push(error) });
    host.registerProcessActor('Channel', { parent: { esModuleURI: CHANNEL }, child: { esModuleURI: CHANNEL } });
    const proc = await host.spawn({ kind: 'fork' });
    const outcome = proc.getActor('Channel').sendQuery('flood', { count: 200, size: 64 * 1024 }).catch((error: Error) => error);
    expect(await proc.closed).toMatch(/^the other side is unresponsive: it has not read the \d+ bytes queued for it$/);
    expect(await outcome).toMatchObject({ name: 'AbortError' });
    // The answers it left unread are dropped with the connection, not reported one by one.
    expect(errors).toEqual([]);
    await proc.exited;
  });
});
