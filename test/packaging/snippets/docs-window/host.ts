// host.ts: the host page
import { WindowHost, JSWindowActorParent, type ReceiveMessageArgument } from '@actorpair/window-actors';

class GreeterParent extends JSWindowActorParent {
  receiveMessage({ name, data }: ReceiveMessageArgument) {
    const origin = this.manager.documentPrincipal.origin;
    if (name === 'Ready') console.log(`${origin} is ready`);
    if (name === 'Clicked') console.log(`${origin}: ${data.type} in "${data.title}"`);
  }
}

const host = new WindowHost();                       // options: heartbeat, allowOrigin, localActors, onError
host.registerWindowActor('Greeter', {
  parent: { actor: GreeterParent },                  // or { esModuleURI } imported by the host page
  child: {
    esModuleURI: '/actors/GreeterChild.js',          // imported by each matching frame, during its handshake
    events: { click: {}, 'widget-ready': { wantUntrusted: true, createActor: false } },
    observers: ['color-scheme-changed'],
  },
  matches: ['*://widgets.example.com/*'],            // WebExtension match patterns against the document URL
  allFrames: true,                                   // default false: only frames the host embeds directly
  includeChrome: false,                              // the host page's own window (an in-process pair)
  messageManagerGroups: ['browsers'],                // <iframe messagemanagergroup="browsers">, checked on the top frame
  remoteTypes: ['webIsolated'],                      // 'web' = same origin as the host, 'webIsolated=<origin>' otherwise
});
// remoteTypes: a family prefix ('web', 'webIsolated') matches every type it begins; 'webIsolated=<origin>' matches
// that origin only ('webIsolated=https://a.test' does not match https://a.test.evil.example or https://a.test:8443).

const global = await host.windowGlobalReady(document.querySelector('iframe')!);   // a WindowGlobalParent
console.log(await global.getActor('Greeter').sendQuery('Hello', 'host'));   // what GreeterChild returned
