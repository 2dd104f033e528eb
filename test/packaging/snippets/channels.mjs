import { createChannelHub } from '@actorpair/channels/hub';
import { channel, close_all_channel_sockets, RemoteGlobal, setChannelHub, start_global_channel } from '@actorpair/channels';

const hub = await createChannelHub({ host: '127.0.0.1', port: 0 });   // Node; queues in memory
setChannelHub(hub.url);                                                 // in a page: ?hub=<url> works too

const [recv, send] = channel();
await send.send({ hello: 'kept until a reader connects' });
await recv.connect();
console.log(await recv.nextMessage());

// Usually another page or process: a global that lets others run code in it (for tests and tools only).
const remote = new RemoteGlobal();
await start_global_channel({ uuid: remote.uuid, allowCall: true });
console.log(await remote.call((a, b) => a + b, 2n ** 64n, 1n));

await close_all_channel_sockets();
await hub.close();
