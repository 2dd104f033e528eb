/** The virtual-port envelopes at the boundary: checked like every other, and dropped where no carrier reads them. */
import { afterEach, describe, expect, it } from 'vitest';
import { envelopeProblem } from '@actorpair/core/internal';
import { makePair, type Pair } from './helpers.js';

describe('port envelopes', () => {
  it('are checked: ids, port lists, and only a parent arranges direct links', () => {
    expect(envelopeProblem({ k: 'port', i: 1, d: 1 }, 'child')).toBeUndefined();
    expect(envelopeProblem({ k: 'port', i: 0, d: 1 }, 'child')).toBe('bad port id');
    expect(envelopeProblem({ k: 'port', i: 1, d: 1, p: [{ v: 3 }] }, 'child')).toBeUndefined();
    expect(envelopeProblem({ k: 'port', i: 1, d: 1, p: [{ v: -3 }] }, 'child')).toBe('bad ports');
    expect(envelopeProblem({ k: 'msg', a: 'A', n: 'n', d: 1, p: ['port'] }, 'child')).toBe('bad ports');
    expect(envelopeProblem({ k: 'mm', n: 'n', d: 1, p: [{ m: {} }] }, 'child')).toBe('bad ports');
    expect(envelopeProblem({ k: 'portclose', i: 2 }, 'parent')).toBeUndefined();
    expect(envelopeProblem({ k: 'portmark', i: 'x' }, 'parent')).toBe('bad port id');
    const direct = { k: 'portdirect', i: 1, role: 'listen', path: '/tmp/x.sock', token: 't' };
    expect(envelopeProblem(direct, 'parent')).toBeUndefined();
    expect(envelopeProblem(direct, 'child')).toBe('a child cannot arrange direct links');
    expect(envelopeProblem({ ...direct, role: 'spy' }, 'parent')).toBe('bad direct link');
  });

  describe('on a connection without a port carrier', () => {
    let pair: Pair;
    afterEach(() => pair.close());

    it('are dropped and reported, and so are virtual ports in a message', async () => {
      pair = await makePair('loopback');
      pair.child.connection.send({ k: 'port', i: 1, d: 'x' });
      pair.child.connection.send({ k: 'msg', a: 'TestProcess', n: 'n', d: 1, p: [{ v: 1 }] });
      await expect.poll(() => pair.errors.filter((e) => e.context === 'dropped frame').length).toBe(2);
      expect(String((pair.errors[0].error as Error).message)).toContain('ports this connection cannot carry');
    });
  });
});
