/**
 * Actor modules that cannot be loaded say why: the NotFoundError's message ends with the load error's first line
 * (which stays whole as `cause`), a failed parent-side import rejects the registration, and a relative
 * `esModuleURI` is refused before anything is registered.
 */
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { ProcessHost } from '@actorpair/process-actors';
import { KINDS, closeAndCheck, control, makeHost } from './helpers.js';

const MISSING = new URL('./fixtures/DoesNotExist.ts', import.meta.url).href;
const MISSING_PATH = fileURLToPath(MISSING);
const THROWING = new URL('./fixtures/ThrowingModule.ts', import.meta.url).href;
const LAZY = new URL('./fixtures/Lazy.ts', import.meta.url).href;

/** The message for a missing module: the main process imports it (the test runner names it by URL), a child requires it. */
const missingIn = (className: string) =>
  new RegExp(`^Could not find actor constructor '${className}': Cannot find module '(file://)?${MISSING_PATH}'$`);

let host: ProcessHost;
afterEach(() => closeAndCheck(host));

describe.each(KINDS)('a child module that cannot be loaded, in a %s child', (kind) => {
  it('a missing file: the NotFoundError carries the cause, in the child and in the parent\'s rejected query', async () => {
    host = makeHost();
    void host.registerProcessActor('Gone', { child: { esModuleURI: MISSING } });
    const proc = await host.spawn({ kind });
    const message = `Could not find actor constructor 'GoneChild': Cannot find module '${MISSING_PATH}'`;
    const error = await proc.getActor('Gone').sendQuery('x').catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'NotFoundError', message });
    expect((error as { cause: Error }).cause.message).toContain(`Cannot find module '${MISSING_PATH}'`);
    await expect(control(proc, 'getActor', 'Gone')).rejects.toMatchObject({ name: 'NotFoundError', message });
  });

  it('a module that throws while loading: the message names the error class', async () => {
    host = makeHost();
    void host.registerProcessActor('Throwing', { child: { esModuleURI: THROWING } });
    const proc = await host.spawn({ kind });
    const error = await proc.getActor('Throwing').sendQuery('x').catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: 'NotFoundError',
      message: "Could not find actor constructor 'ThrowingChild': TypeError: this module refuses to load",
      cause: { name: 'TypeError', message: 'this module refuses to load' },
    });
  });
});

describe('a parent module that cannot be loaded', () => {
  it('a missing file rejects the registration with the cause; the name stays registered and getActor throws the same', async () => {
    host = makeHost();
    const registered = host.registerProcessActor('Gone', { parent: { esModuleURI: MISSING }, child: { esModuleURI: LAZY } });
    const error = await registered.catch((e: unknown) => e);
    const message = (error as Error).message;
    expect(error).toMatchObject({ name: 'NotFoundError', message: expect.stringMatching(missingIn('GoneParent')) });
    expect((error as { cause: Error }).cause).toBeInstanceOf(Error);
    const proc = await host.spawn({ kind: 'worker' });
    expect(() => proc.getActor('Gone')).toThrow(expect.objectContaining({ name: 'NotFoundError', message }));
  });

  it('a module that throws rejects the registration with the error class in the message', async () => {
    host = makeHost();
    await expect(host.registerProcessActor('Throwing', { parent: { esModuleURI: THROWING } })).rejects.toMatchObject({
      name: 'NotFoundError',
      message: "Could not find actor constructor 'ThrowingParent': TypeError: this module refuses to load",
    });
  });

  it('a module without the class rejects the registration with the plain NotFoundError', async () => {
    host = makeHost();
    await expect(host.registerProcessActor('Other', { parent: { esModuleURI: LAZY } })).rejects.toMatchObject({
      name: 'NotFoundError',
      message: "Could not find actor constructor 'OtherParent'",
    });
  });

  it('with includeParent, a missing child module rejects the registration too', async () => {
    host = makeHost();
    await expect(
      host.registerProcessActor('Gone', { child: { esModuleURI: MISSING }, includeParent: true }),
    ).rejects.toMatchObject({ name: 'NotFoundError', message: expect.stringMatching(missingIn('GoneChild')) });
  });

  it('a registration whose promise nobody awaits leaves no unhandled rejection, and spawn still works', async () => {
    host = makeHost();
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      host.registerProcessActor('Gone', { parent: { esModuleURI: MISSING } });
      await host.whenLoaded();
      const proc = await host.spawn({ kind: 'worker' });
      expect(await control(proc, 'info')).toMatchObject({ childID: proc.childID });
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});

describe('a relative esModuleURI', () => {
  it.each([
    ['parent', './Hash.js'],
    ['child', '../actors/Hash.js'],
  ] as const)('on the %s side is refused at registration, saying what to pass instead', (side, uri) => {
    host = makeHost();
    expect(() => host.registerProcessActor('Hash', { [side]: { esModuleURI: uri } })).toThrow(
      expect.objectContaining({
        name: 'NotSupportedError',
        message: expect.stringContaining(`pass new URL('${uri}', import.meta.url).href`),
      }),
    );
    // Nothing was registered: the name is still free.
    expect(() => host.registerProcessActor('Hash', { child: { esModuleURI: LAZY } })).not.toThrow();
  });
});
