/**
 * The trace events on Node's `diagnostics_channel`, one named channel per event type (`actorpair:query:start`,
 * `actorpair:query:settled`, ...), as undici (`undici:request:create`) and fastify do.
 *
 * Free until someone subscribes: the bridge to core's trace hooks is attached while at least one of these channels
 * has a subscriber, and detached when the last one leaves (so core's hot paths stay off).
 */
import diagnostics, { type Channel } from 'node:diagnostics_channel';
import { subscribeTrace, TRACE_EVENT_TYPES, type TraceEvent } from '@actorpair/core';

/** The channel names, by event type: `actorpair:` and the type. */
export const CHANNEL_NAMES: Readonly<Record<TraceEvent['type'], string>> = Object.freeze(
  Object.fromEntries(TRACE_EVENT_TYPES.map((type) => [type, `actorpair:${type}`])) as Record<TraceEvent['type'], string>,
);

let channels: Map<string, Channel> | undefined;
let detach: (() => void) | undefined;

function publish(event: TraceEvent): void {
  const channel = channels!.get(event.type)!;
  if (channel.hasSubscribers) channel.publish(event);
}

function refresh(): void {
  let any = false;
  for (const channel of channels!.values()) any ||= channel.hasSubscribers;
  if (any && !detach) detach = subscribeTrace(publish);
  else if (!any && detach) {
    detach();
    detach = undefined;
  }
}

/**
 * Creates the channels once per thread and watches their subscribers: `diagnostics_channel.subscribe(name, fn)` and
 * `channel(name).subscribe(fn)` both land on the channel object, whose `subscribe`/`unsubscribe` are wrapped here.
 */
export function installDiagnosticsChannels(): void {
  if (channels) return;
  channels = new Map();
  for (const type of TRACE_EVENT_TYPES) {
    const channel = diagnostics.channel(CHANNEL_NAMES[type]);
    // Node swaps the channel's prototype (Channel, ActiveChannel) as subscribers come and go: call the current one's.
    Object.defineProperties(channel, {
      subscribe: {
        configurable: true,
        value(this: Channel, fn: (message: unknown, name: string | symbol) => void) {
          Object.getPrototypeOf(this).subscribe.call(this, fn);
          refresh();
        },
      },
      unsubscribe: {
        configurable: true,
        value(this: Channel, fn: (message: unknown, name: string | symbol) => void) {
          const removed: boolean = Object.getPrototypeOf(this).unsubscribe.call(this, fn);
          refresh();
          return removed;
        },
      },
    });
    channels.set(type, channel);
  }
  refresh();
}
