/**
 * Message ports between children: the main process makes a channel and hands one end to a hidden service child and
 * the other to a UI child; from then on the two talk over the port without the main process. Between worker
 * threads the platform moves the port itself; between forked children they get a direct link of their own; where
 * neither is possible (a worker and a fork) the main process relays, invisibly.
 *
 *   npm run example:direct-channel
 */
import { MessageChannelMain, ProcessHost } from '@actorpair/process-actors';

const host = new ProcessHost();
await host.registerProcessActor('Wire', { child: { esModuleURI: new URL('./actors/Wire.ts', import.meta.url).href } });

for (const [serviceKind, uiKind] of [['fork', 'fork'], ['worker', 'worker'], ['worker', 'fork']] as const) {
  const [service, ui] = await Promise.all([
    host.spawn({ kind: serviceKind, remoteType: 'service' }),
    host.spawn({ kind: uiKind, remoteType: 'ui' }),
  ]);
  const { port1, port2 } = new MessageChannelMain();
  await service.getActor('Wire').sendQuery('serve', null, { transfer: [port1] });
  const used = (await ui.getActor('Wire').sendQuery('use', ['hello', 'direct', 'channel'], { transfer: [port2] })) as {
    replies: Array<{ word: string }>;
    path: string;
  };
  console.log(`${serviceKind} service <-> ${uiKind} ui: ${used.replies.map((r) => r.word).join(' ')} (path: ${used.path})`);
  console.log(`  service: ${await service.getActor('Wire').sendQuery('closed')}`);
  await Promise.all([service.close(), ui.close()]);
}

await host.close();
console.log(`host closed; processes left: ${host.getAllDOMProcesses().length}`);
