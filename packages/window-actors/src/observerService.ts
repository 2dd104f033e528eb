/**
 * The frame-side notification service (Firefox's `Services.obs`, for window actors): a notification whose
 * subject is a window reaches the actors of that window's document that registered the topic, creating them.
 */
import type { WindowGlobalChild } from './WindowGlobalChild.js';

/** A plain observer, for code that listens to topics without an actor. */
export interface Observer {
  observe(subject: unknown, topic: string, data: string | null): void;
}

const globals = new Set<WindowGlobalChild>();
const observers = new Map<string, Set<Observer>>();

/** @internal A WindowGlobalChild joins (or leaves) the service for the lifetime of its document. */
export function trackWindowGlobal(global: WindowGlobalChild, live: boolean): void {
  if (live) globals.add(global);
  else globals.delete(global);
}

/** The window of a document subject, or the subject itself. A cross-origin window throws on any property: it is one. */
function windowOf(subject: unknown): unknown {
  const document = subject as Document | null;
  try {
    if (typeof document === 'object' && document !== null && 'defaultView' in document) return document.defaultView;
  } catch {
    // A cross-origin window (a SecurityError on `in`): a window, not a document.
  }
  return subject;
}

/**
 * The notification service of this context.
 *
 * ```ts
 * observerService.notifyObservers(window, 'color-scheme-changed', 'dark'); // ColorChild.observe(window, topic, 'dark')
 * ```
 */
export const observerService = {
  /**
   * Notifies `topic`: every actor registered with `child.observers: [topic]` for the window `subject` (a window
   * or its document) is created if needed and gets `observe(subject, topic, data)`; plain observers too.
   */
  notifyObservers(subject: unknown, topic: string, data: string | null = null): void {
    const window = windowOf(subject);
    for (const global of [...globals]) {
      if (window !== null && global.contentWindow === window) global.notifyObservers(subject, topic, data);
    }
    for (const observer of [...(observers.get(topic) ?? [])]) {
      try {
        observer.observe(subject, topic, data);
      } catch (error) {
        console.error(`[actorpair] observer of '${topic}':`, error);
      }
    }
  },
  /** Adds a plain observer of `topic`. */
  addObserver(observer: Observer, topic: string): void {
    let set = observers.get(topic);
    if (!set) observers.set(topic, (set = new Set()));
    set.add(observer);
  },
  /** Removes a plain observer of `topic`. */
  removeObserver(observer: Observer, topic: string): void {
    observers.get(topic)?.delete(observer);
  },
};
