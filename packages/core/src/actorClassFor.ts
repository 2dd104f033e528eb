/**
 * Which class an actor is made of on one side: the class the registration named, the export `FooParent` /
 * `FooChild` of its module, a class this context has locally by that name, or a bare actor (that side has no
 * module: it can send but not receive).
 */
import { actorClassName, type ActorEntry, type ActorSideOptions } from './ActorRegistry.js';
import * as errors from './errors.js';
import type { ActorClass } from './JSActor.js';
import type { Side, WireActorSide } from './protocol.js';

/** @internal Where a manager finds actor classes. */
export interface ClassSources {
  /** Loads a module synchronously by `esModuleURI`. */
  loadModule?: (uri: string) => unknown;
  /** Classes available in this context by class name. */
  localActors?: Readonly<Record<string, ActorClass>>;
  /** The class of an actor whose side has no module. */
  bareActor: ActorClass;
}

/** @internal The class of `side`'s actor of `entry`. Throws `NotFoundError` when the module lacks it. */
export function actorClassFor(entry: ActorEntry, side: Side, sources: ClassSources): ActorClass {
  const spec: (ActorSideOptions & WireActorSide) | null = entry[side];
  const className = actorClassName(entry.name, side);
  if (!spec) return sources.bareActor;
  if (spec.actor) return spec.actor;
  if (typeof spec.esModuleURI === 'string') {
    if (!sources.loadModule) throw errors.noConstructor(className, new Error('no module loader here'));
    let module: unknown;
    try {
      module = sources.loadModule(spec.esModuleURI);
    } catch (error) {
      throw errors.noConstructor(className, error);
    }
    return exportedClass(module, className);
  }
  const local = sources.localActors;
  if (local && Object.hasOwn(local, className)) return local[className];
  if (spec.local) throw errors.noConstructor(className);
  return sources.bareActor;
}

/** The class `module` exports as `className` (`FooParent`, `FooChild`). Throws `NotFoundError` when it has none. */
export function exportedClass(module: unknown, className: string): ActorClass {
  const Ctor = (module as Record<string, unknown> | null)?.[className];
  if (typeof Ctor !== 'function') throw errors.noConstructor(className);
  return Ctor as ActorClass;
}
