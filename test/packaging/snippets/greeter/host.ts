// host.ts: the host page
import { WindowHost, JSWindowActorParent, type ReceivedMessage } from '@actorpair/window-actors';
import type { GreeterProtocol } from './actors/GreeterProtocol.js';

class GreeterParent extends JSWindowActorParent<GreeterProtocol> {
  receiveMessage({ name, data }: ReceivedMessage<GreeterProtocol['parent']>) {
    const origin = this.manager.documentPrincipal.origin;
    if (name === 'Ready') console.log(`${origin} is ready`);
    if (name === 'Clicked') console.log(`${origin}: click in "${data.title}"`);
  }
}

const host = new WindowHost();
await host.registerWindowActor('Greeter', {                // a promise: the browser imports modules asynchronously
  parent: { actor: GreeterParent },
  child: { esModuleURI: '/actors/GreeterChild.js', events: { click: {} }, observers: ['theme-changed'] },
  matches: ['*://*/widgets/*'], allFrames: true,   // also: includeChrome, messageManagerGroups, remoteTypes
});
const global = await host.windowGlobalReady(document.querySelector('iframe')!);
const reply = await global.getActor<GreeterParent>('Greeter').sendQuery('Hello', 'host');   // typed: string
console.log(reply);
host.getAllBrowsingContexts();   // the BrowsingContext tree: id, parent, top, children, currentWindowGlobal, embedderElement
