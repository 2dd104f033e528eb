/**
 * `spawn({ kind: 'fork', permissions })`: a child under Node's permission model reads only what it needs to run
 * and what it was allowed, writes only where it was allowed, starts no process, and its actors work as usual.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ErrorName } from '@actorpair/core';
import type { ProcessHost } from '@actorpair/process-actors';
import { closeAndCheck, control, makeHost } from './helpers.js';

// The permission model warns on stderr that it is experimental.
const QUIET = ['--disable-warning=ExperimentalWarning', '--disable-warning=SecurityWarning'];

const outside = mkdtempSync(join(tmpdir(), 'actorpair-secret-'));
const allowed = mkdtempSync(join(tmpdir(), 'actorpair-allowed-'));
const writable = mkdtempSync(join(tmpdir(), 'actorpair-writable-'));
const secret = join(outside, 'secret.txt');
writeFileSync(secret, 'the secret');
writeFileSync(join(allowed, 'shared.txt'), 'shared with the child');

describe('a fork child confined by permissions', () => {
  let host: ProcessHost | undefined;
  afterEach(async () => {
    await closeAndCheck(host);
    host = undefined;
  });
  afterAll(() => {
    for (const dir of [outside, allowed, writable]) rmSync(dir, { recursive: true, force: true });
  });

  it('cannot read a file outside what it was allowed, can read what it was, and its actors work', async () => {
    host = makeHost();
    const [confined, free] = await Promise.all([
      host.spawn({ kind: 'fork', execArgv: QUIET, permissions: { fsRead: [`${allowed}/*`], fsWrite: [`${writable}/*`] } }),
      host.spawn({ kind: 'fork' }),
    ]);
    expect(await control(free, 'readFile', secret)).toBe('the secret');
    expect(await control(confined, 'readFile', secret)).toBe('ERR_ACCESS_DENIED');
    expect(await control(confined, 'readFile', join(allowed, 'shared.txt'))).toBe('shared with the child');
    expect(await control(confined, 'writeFile', join(writable, 'out.txt'))).toBe('written');
    expect(readFileSync(join(writable, 'out.txt'), 'utf8')).toBe('written by the child');
    expect(await control(confined, 'writeFile', join(outside, 'planted.txt'))).toBe('ERR_ACCESS_DENIED');
    expect(await control(confined, 'startProcess')).toBe('ERR_ACCESS_DENIED');
    // Its actors work: queries both ways.
    expect(await confined.getActor('TestProcessActor').sendQuery('asyncAdd', { a: 2, b: 3 })).toEqual({ result: 5 });
    expect(await control(confined, 'query', { message: 'asyncMul', data: { a: 4, b: 5 } })).toEqual({ result: 20 });
  });

  it('may start processes when allowed', async () => {
    host = makeHost();
    const proc = await host.spawn({ kind: 'fork', execArgv: QUIET, permissions: { childProcess: true } });
    expect(await control(proc, 'startProcess')).toBe('started');
    expect(await control(proc, 'readFile', secret)).toBe('ERR_ACCESS_DENIED');
  });

  it('a worker cannot be confined: spawn throws NotSupportedError', async () => {
    host = makeHost();
    await expect(host.spawn({ kind: 'worker', permissions: {} })).rejects.toMatchObject({ name: ErrorName.NotSupported });
  });
});
