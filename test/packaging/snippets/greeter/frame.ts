// frame.ts: each frame's page (here /widgets/frame.html on another origin)
import { startFrame } from '@actorpair/window-actors/frame';
import type { GreeterChild } from './actors/GreeterChild.js';

const global = await startFrame();                            // hostOrigin defaults to location.ancestorOrigins
global.getActor<GreeterChild>('Greeter').sendAsyncMessage('Ready');
