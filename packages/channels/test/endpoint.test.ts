// Actor pairs between two globals that share only a hub: a core Connection over channelEndpoint, with the hello,
// heartbeats, queries and teardown of any other transport.
import { describe, expect, it } from 'vitest';
import { ActorManager, ActorRegistry, Connection } from '@actorpair/core';
import { channelEndpoint, close_all_channel_sockets, RecvChannel, SendChannel } from '@actorpair/channels';
import * as TestProcess from '../../core/test/fixtures/TestProcess.js';
import { BACKENDS, useHub } from './backends.js';
import { exited, startProcess } from './helpers.js';

const loadModule = (uri: string) => {
  if (uri !== 'test:TestProcess') throw new Error(`Cannot find module '${uri}'`);
  return TestProcess;
};

/** Both sides of a pair over two channels through the hub: each reads its own uuid and writes the other's. */
async function pairOverHub() {
  const [parentUuid, childUuid] = [crypto.randomUUID(), crypto.randomUUID()];
  const parentRecv = new RecvChannel(parentUuid);
  const childRecv = new RecvChannel(childUuid);
  await Promise.all([parentRecv.connect(), childRecv.connect()]);
  const registry = new ActorRegistry();
  registry.register('process', 'TestProcess', { parent: { esModuleURI: 'test:TestProcess' }, child: { esModuleURI: 'test:TestProcess' } });
  const heartbeat = { interval: 200, misses: 5 };
  const parent = new ActorManager(new Connection(channelEndpoint(parentRecv, new SendChannel(childUuid)), { side: 'parent', heartbeat }), { registry, loadModule });
  const child = new ActorManager(new Connection(channelEndpoint(childRecv, new SendChannel(parentUuid)), { side: 'child', heartbeat }), {
    registry: new ActorRegistry(),
    loadModule,
  });
  parent.start();
  child.start();
  await Promise.all([parent.connection.ready, child.connection.ready]);
  return { parent, child };
}

describe('actor pairs over channels with the child in another process', () => {
  const fixture = useHub('memory');

  it('notices a child that stops answering (SIGSTOP) by heartbeats: its pending query rejects with AbortError', async () => {
    const [parentUuid, childUuid] = [crypto.randomUUID(), crypto.randomUUID()];
    const recv = new RecvChannel(parentUuid);
    await recv.connect();
    const registry = new ActorRegistry();
    registry.register('process', 'TestProcess', { parent: { esModuleURI: 'test:TestProcess' }, child: { esModuleURI: 'test:TestProcess' } });
    const parent = new ActorManager(
      new Connection(channelEndpoint(recv, new SendChannel(childUuid)), { side: 'parent', heartbeat: { interval: 500, misses: 6 } }),
      { registry, loadModule },
    );
    parent.start();
    const child = await startProcess('endpointChild.ts', [childUuid, parentUuid], { ACTORPAIR_CHANNEL_HUB: fixture.current().url });
    try {
      await parent.connection.ready;
      const actor = parent.getActor('TestProcess');
      expect(await actor.sendQuery('plainAdd', { a: 20, b: 22 })).toBe(42);
      const rejected = expect(actor.sendQuery('never')).rejects.toMatchObject({ name: 'AbortError' });
      child.kill('SIGSTOP');
      await rejected;
      await expect(parent.connection.closed).resolves.toMatch(/heartbeat/i);
    } finally {
      child.kill('SIGCONT');
      child.kill('SIGKILL');
      await exited(child);
    }
  }, 60_000);
});

describe.each(BACKENDS)('actor pairs over channels (%s backend)', (backend) => {
  useHub(backend);

  it('answers queries with values a structured clone keeps', async () => {
    const { parent, child } = await pairOverHub();
    const actor = parent.getActor('TestProcess');
    expect(await actor.sendQuery('asyncAdd', { a: 2, b: 3 })).toEqual({ result: 5 });
    const value = { when: new Date(0), map: new Map([[1, new Set([2n])]]), nan: NaN };
    expect(await actor.sendQuery('echo', value)).toEqual(value);
    await expect(actor.sendQuery('throw', { message: 'over the hub' })).rejects.toMatchObject({ name: 'SyntaxError', message: 'over the hub' });
    parent.destroy();
    child.destroy();
    await Promise.all([parent.connection.closed, child.connection.closed]);
  });

  it('tears the pair down when one side goes: its pending query rejects with AbortError', async () => {
    const { parent, child } = await pairOverHub();
    const pending = parent.getActor('TestProcess').sendQuery('never');
    child.destroy();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    await Promise.all([parent.connection.closed, child.connection.closed]);
  });

  it("ends the pair when the global's channel sockets close (close_all_channel_sockets before a navigation)", async () => {
    const { parent, child } = await pairOverHub();
    const rejected = expect(parent.getActor('TestProcess').sendQuery('never')).rejects.toMatchObject({ name: 'AbortError' });
    await close_all_channel_sockets();
    await rejected;
    await Promise.all([parent.connection.closed, child.connection.closed]);
  });
});
