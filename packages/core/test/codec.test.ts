import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeText, encodeText } from '@actorpair/core';
import { conformanceValues, expectSameValue } from './fixtures/conformance.js';
import { TRANSPORTS, makePair, type Pair } from './helpers.js';

const values = conformanceValues();

describe('the text codec', () => {
  it.each(Object.keys(values))('keeps %s like a structured clone does', (name) => {
    expectSameValue(name, values[name], (decodeText(encodeText({ v: values[name] })) as { v: unknown }).v);
    expectSameValue(name, values[name], (structuredClone({ v: values[name] }) as { v: unknown }).v);
  });

  it('refuses functions and symbols with DataCloneError, as a structured clone does', () => {
    expect(() => encodeText({ f() {} })).toThrow(expect.objectContaining({ name: 'DataCloneError' }));
    expect(() => encodeText({ s: Symbol('x') })).toThrow(expect.objectContaining({ name: 'DataCloneError' }));
  });
});

describe.each(TRANSPORTS)('codec conformance over %s', (transport) => {
  let pair: Pair;
  beforeAll(async () => {
    pair = await makePair(transport);
  });
  afterAll(() => pair.close());

  it.each(Object.keys(values))('%s survives a query there and back', async (name) => {
    const actor = pair.parent.getActor('TestProcess');
    const echoed = await actor.sendQuery('echo', { v: values[name] });
    expectSameValue(name, values[name], (echoed as { v: unknown }).v);
  });
});
