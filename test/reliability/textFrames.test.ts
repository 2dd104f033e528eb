/**
 * Text-frame attacks from a remote child that speaks the protocol itself over a real WebSocket: the frame that made
 * superjson walk a Set once per annotation (1.4 MB, seconds of a frozen host), a tagged frame nested 100,000 deep,
 * and a frame over the text limit. Each is dropped and reported, the attacker's connection stays up, and an honest
 * remote child connected all along keeps being answered, its heartbeats never missed.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { decodeText, encodeText } from '@actorpair/core';
import { DEFAULT_TEXT_MAX_FRAME } from '@actorpair/core/internal';
import { ProcessHost, type DOMProcessParent, type RemoteListener } from '@actorpair/process-actors';
import { closeAndCheck, startRemote } from '../process/helpers.js';
import type { LoadParent } from './fixtures/Load.js';

const LOAD = new URL('./fixtures/Load.ts', import.meta.url).href;
const SECRET = 'text-frames-5b1e';

/** superjson's encoding of a `msg` whose data is a Set of 60,000 Dates: one meta path per member. */
function superjsonSetFrame(): string {
  const n = 60_000;
  const json = { k: 'msg', a: 'Load', n: 'seq', d: Array.from({ length: n }, (_, i) => new Date(i).toISOString()) };
  const meta = { values: { d: ['set', Object.fromEntries(Array.from({ length: n }, (_, i) => [String(i), ['Date']]))] } };
  return JSON.stringify({ json, meta });
}

describe('text frames a hostile remote child writes', () => {
  let host: ProcessHost;
  let listener: RemoteListener;
  let honest: DOMProcessParent;
  let reported: string[];
  let attacker: WebSocket;

  beforeEach(async () => {
    reported = [];
    host = new ProcessHost({ closeTimeout: 1000, onError: (error) => reported.push(String((error as Error)?.message ?? error)) });
    host.registerProcessActor('Load', { parent: { esModuleURI: LOAD }, child: { esModuleURI: LOAD } });
    listener = await host.listen({ secret: SECRET, heartbeat: { interval: 250, misses: 8 } });
    startRemote(listener.url, SECRET);
    honest = await listener.accept();
    expect(await honest.getActor<LoadParent>('Load').sendQuery('work', 4)).toBe(8);
    attacker = new WebSocket(listener.url, { headers: { 'x-actorpair-secret': SECRET } });
    attacker.on('error', () => {});
    // The attacker answers heartbeats, so only what it sends can get it dropped.
    attacker.on('message', (data) => {
      const envelope = decodeText(String(data)) as { k?: string };
      if (envelope.k === 'ping') attacker.send(encodeText({ k: 'pong' }));
    });
    await new Promise((resolve, reject) => attacker.once('open', resolve).once('error', reject));
    attacker.send(encodeText({ k: 'hello', v: 1, side: 'child', info: { osPid: 4343 } }));
  });

  afterEach(async () => {
    attacker.terminate();
    await closeAndCheck(host);
  });

  it('each frame is dropped and reported; the attacker stays connected and the honest child is answered', async () => {
    const proc = await listener.accept();
    expect(proc.osPid).toBe(4343);
    attacker.send(superjsonSetFrame()); // plain JSON now: data, never walked; not an envelope
    attacker.send(`~${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    attacker.send(encodeText({ k: 'msg', a: 'Load', n: 'seq', d: 'x'.repeat(DEFAULT_TEXT_MAX_FRAME) }));
    await expect.poll(() => reported, { timeout: 30_000 }).toHaveLength(3);
    expect(reported).toEqual([
      '[actorpair] a malformed frame was dropped (unknown envelope kind)',
      '[actorpair] a frame could not be decoded',
      expect.stringMatching(/^\[actorpair\] a frame of \d+ bytes is over the limit$/),
    ]);
    expect(host.getAllDOMProcesses()).toContain(proc);
    expect(await honest.getActor<LoadParent>('Load').sendQuery('work', 5)).toBe(10);
    expect(host.getAllDOMProcesses()).toEqual([host.parentProcess, honest, proc]);
  });
});
