/**
 * The `Plugin` actor of the confined-fork example. The child side is the untrusted plugin: it summarizes a
 * document it was allowed to read, and, being untrusted, also tries what it was not allowed to do.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { JSProcessActorChild, JSProcessActorParent, type ReceiveMessageArgument } from '@actorpair/process-actors';

/** The main process's side: it only asks. */
export class PluginParent extends JSProcessActorParent {}

/** What an attempt gave: its result, or the error code that refused it. */
function attempt(run: () => string): string {
  try {
    return run();
  } catch (error) {
    return `refused (${(error as { code?: string }).code ?? error})`;
  }
}

export class PluginChild extends JSProcessActorChild {
  receiveMessage({ name, data }: ReceiveMessageArgument) {
    switch (name) {
      case 'Summarize': {
        const text = readFileSync(data.input, 'utf8');
        writeFileSync(data.output, `${text.split(/\s+/).filter(Boolean).length} words`);
        return 'done';
      }
      case 'Misbehave':
        return {
          readSecret: attempt(() => readFileSync(data.secret, 'utf8')),
          overwriteSecret: attempt(() => (writeFileSync(data.secret, 'pwned'), 'overwritten')),
          startShell: attempt(() => execFileSync('/bin/sh', ['-c', 'echo hi'], { encoding: 'utf8' }).trim()),
        };
    }
    return undefined;
  }
}
