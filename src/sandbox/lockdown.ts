/**
 * Takes from a worker's global scope what user code must not reach: the
 * network (fetch, XHR, WebSocket, EventSource, BroadcastChannel, WebTransport),
 * storage (indexedDB, caches), more code (importScripts, eval, nested
 * workers), and the page's clock-free randomness (Math.random becomes the
 * run's seeded generator). A worker has no DOM to begin with. What cannot be
 * taken away is syntax: `import()` loads code with no global to delete. So
 * the compiler refuses code that uses it (check-source.ts), and the worker's
 * response carries a Content-Security-Policy that forbids connections
 * (public/_headers, sent by the dev and preview servers and by static hosts
 * that read that file).
 */
const REMOVED = [
  'fetch',
  'XMLHttpRequest',
  'WebSocket',
  'WebSocketStream',
  'EventSource',
  'BroadcastChannel',
  'WebTransport',
  'importScripts',
  'indexedDB',
  'caches',
  'Worker',
  'SharedWorker',
  'eval',
  'Request',
  'Response',
  'Headers',
  'navigator',
  'location',
] as const

export type Removed = (typeof REMOVED)[number]

/** Removes (or, where a property cannot be deleted, shadows with undefined) each name, then freezes it so code cannot put it back. */
export function lockDown(scope: Record<string, unknown>, math: { random: () => number }, random: () => number): void {
  for (const name of REMOVED) {
    let owner: object | null = scope
    while (owner && !Object.prototype.hasOwnProperty.call(owner, name)) owner = Object.getPrototypeOf(owner) as object | null
    if (owner) Reflect.deleteProperty(owner, name)
    Object.defineProperty(scope, name, { value: undefined, writable: false, configurable: false })
  }
  Object.defineProperty(math, 'random', { value: random, writable: false, configurable: false })
}

export const REMOVED_GLOBALS: readonly string[] = REMOVED
