/**
 * A confined fork child: an untrusted plugin runs in a forked process under Node's permission model. It may read
 * the input directory and write the output directory; it cannot read or overwrite a secret beside them, nor start
 * a shell, while its actor answers as usual.
 *
 *   npm run example:confined-fork
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProcessHost } from '@actorpair/process-actors';

const work = mkdtempSync(join(tmpdir(), 'confined-fork-'));
const input = join(work, 'input');
const output = join(work, 'output');
mkdirSync(input);
mkdirSync(output);
writeFileSync(join(input, 'doc.txt'), 'the quick brown fox jumps over the lazy dog');
const secret = join(work, 'secret.txt');
writeFileSync(secret, 'the API key');

const host = new ProcessHost();
const plugin = new URL('./actors/Plugin.ts', import.meta.url).href;
host.registerProcessActor('Plugin', { parent: { esModuleURI: plugin }, child: { esModuleURI: plugin } });
const proc = await host.spawn({
  kind: 'fork',
  permissions: { fsRead: [`${input}/*`], fsWrite: [`${output}/*`] },
  execArgv: ['--disable-warning=ExperimentalWarning', '--disable-warning=SecurityWarning'],
});
const actor = proc.getActor('Plugin');

await actor.sendQuery('Summarize', { input: join(input, 'doc.txt'), output: join(output, 'summary.txt') });
console.log(`summary written by the plugin: ${readFileSync(join(output, 'summary.txt'), 'utf8')}`);
const tried = (await actor.sendQuery('Misbehave', { secret })) as Record<string, string>;
for (const [what, outcome] of Object.entries(tried)) console.log(`${what.padEnd(16)} ${outcome}`);
console.log(`the secret is still: ${readFileSync(secret, 'utf8')}`);

await host.close();
rmSync(work, { recursive: true, force: true });
console.log(`host closed; processes left: ${host.getAllDOMProcesses().length}`);
