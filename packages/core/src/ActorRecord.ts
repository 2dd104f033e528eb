/** @internal What a manager keeps for one live actor; the actor holds it too, so a send needs no lookup. */
import type { ActorManager } from './ActorManager.js';
import type { JSActor } from './JSActor.js';
import type { MessageArgument } from './MessageArgument.js';
import type { PendingQuery } from './PendingQuery.js';

/** @internal One live actor and what its manager keeps for it. */
export interface ActorRecord {
  readonly actor: JSActor<any, any>;
  readonly name: string;
  readonly manager: ActorManager;
  /** False from the moment teardown starts: no more sends. */
  alive: boolean;
  /** Queries this actor sent that are not answered yet, by id. */
  pending: Map<number, PendingQuery> | undefined;
  /** Queries from the other side that this actor is still answering, by the other side's id. */
  incoming: Map<number, MessageArgument> | undefined;
}
