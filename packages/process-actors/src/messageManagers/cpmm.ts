/**
 * The child process message manager of this thread or process, kept on `globalThis` under a registered symbol
 * so that every copy of this package loaded in the child finds the same one.
 */
import { defaultReport } from '@actorpair/core/internal';
import { ContentProcessMessageManager } from './ContentProcessMessageManager.js';

const KEY = Symbol.for('actorpair.cpmm');
type Holder = { [KEY]?: ContentProcessMessageManager };

/**
 * This child's process message manager (Firefox's `cpmm`), in a worker, forked or remote child started by a
 * `ProcessHost`; connected once the child runtime is up (before the entry module runs). In the main process it
 * stays unconnected: use `host.domProcessChild.messageManager` there.
 */
export const cpmm: ContentProcessMessageManager = ((globalThis as Holder)[KEY] ??= new ContentProcessMessageManager(defaultReport));
