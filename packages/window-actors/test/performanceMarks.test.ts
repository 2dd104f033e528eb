import { afterEach, expect, it } from 'vitest';
import { ActorManager, ActorRegistry, Connection, JSActor, createLoopback, type ReceiveMessageArgument } from '@actorpair/core';
import { PERFORMANCE_PREFIX, startPerformanceMarks } from '@actorpair/window-actors';

class EchoChild extends JSActor {
  receiveMessage({ name, data }: ReceiveMessageArgument) {
    if (name === 'fail') throw new RangeError('no');
    return data;
  }
}

const stops: Array<() => void> = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
  performance.clearMeasures();
  performance.clearMarks();
});

it('every query becomes a measure named after its actor and message, lifecycle events become marks', async () => {
  stops.push(startPerformanceMarks());
  const registry = new ActorRegistry();
  registry.register('process', 'Echo', { parent: {}, child: { actor: EchoChild } });
  const [a, b] = createLoopback();
  const parent = new ActorManager(new Connection(a, { side: 'parent' }), { registry });
  const child = new ActorManager(new Connection(b, { side: 'child' }), { registry: new ActorRegistry(), localActors: { EchoChild } });
  parent.start();
  child.start();
  const echo = parent.getActor('Echo');
  await expect(echo.sendQuery('ping', 7)).resolves.toBe(7);
  await expect(echo.sendQuery('fail')).rejects.toThrow('no');
  parent.destroy('done');
  await child.connection.closed;
  const measures = performance.getEntriesByType('measure').filter((entry) => entry.name.startsWith(PERFORMANCE_PREFIX));
  expect(measures.map((entry) => entry.name)).toEqual(['actorpair Echo:ping', 'actorpair Echo:fail']);
  expect((measures[0] as PerformanceMeasure).detail).toMatchObject({ side: 'parent', ok: true });
  expect((measures[1] as PerformanceMeasure).detail).toMatchObject({ side: 'parent', ok: false, error: 'RangeError' });
  expect(measures[0].duration).toBeGreaterThanOrEqual(0);
  const marks = performance.getEntriesByType('mark').map((entry) => entry.name);
  expect(marks).toContain('actorpair created Echo');
  expect(marks).toContain('actorpair destroyed Echo');
  expect(marks).toContain('actorpair connection closed');
});
