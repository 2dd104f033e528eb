// frame.ts: the frame's page
import { startFrame } from '@actorpair/window-actors/frame';

const global = await startFrame();                   // a WindowGlobalChild; options below
global.getActor('Greeter').sendAsyncMessage('Ready');
