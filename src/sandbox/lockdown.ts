/**
 * Takes from a worker's global scope what user code must not reach: the
 * network (fetch, XHR, WebSocket, EventSource, BroadcastChannel, WebTransport),
 * storage (indexedDB, caches), more code (importScripts, eval, nested
 * workers), making code from text at run time (eval, and the Function
 * constructors, reached as `Function` or as any function's `constructor`:
 * such code could hold an `import()` the compiler never saw), and the page's
 * clock-free randomness (Math.random becomes the run's seeded generator). A
 * worker has no DOM to begin with. What cannot be taken away is syntax:
 * `import()` loads code with no global to delete. So the compiler refuses
 * code that uses it (check-source.ts), and the worker's response carries a
 * Content-Security-Policy that forbids connections (public/_headers, sent by
 * the dev and preview servers and by static hosts that read that file). The
 * compiler keeps the real Function constructor from before the lockdown.
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

/**
 * What code gets in place of a Function constructor: an error saying why.
 * It keeps the real `Function.prototype`, so `instanceof Function` and
 * `Function.prototype.call` still work for the code that uses them.
 */
const refused = function Function(): never {
  throw new EvalError('code nodes cannot make code from text (Function, eval) in the sandbox')
}
refused.prototype = Function.prototype

/** The prototypes of plain, generator, async and async generator functions: each one's `constructor` makes code from text. */
export function functionPrototypes(): object[] {
  return [function () {}, function* () {}, async function () {}, async function* () {}].map((fn) => Object.getPrototypeOf(fn) as object)
}

/**
 * Removes (or, where a property cannot be deleted, shadows with undefined)
 * each name, replaces the Function constructors with one that refuses, then
 * freezes it all so code cannot put it back.
 */
export function lockDown(
  scope: Record<string, unknown>,
  math: { random: () => number },
  random: () => number,
  prototypes: readonly object[] = functionPrototypes(),
): void {
  for (const name of REMOVED) {
    let owner: object | null = scope
    while (owner && !Object.prototype.hasOwnProperty.call(owner, name)) owner = Object.getPrototypeOf(owner) as object | null
    if (owner) Reflect.deleteProperty(owner, name)
    Object.defineProperty(scope, name, { value: undefined, writable: false, configurable: false })
  }
  Object.defineProperty(scope, 'Function', { value: refused, writable: false, configurable: false })
  for (const prototype of prototypes) Object.defineProperty(prototype, 'constructor', { value: refused, writable: false, configurable: false })
  Object.defineProperty(math, 'random', { value: random, writable: false, configurable: false })
}

export const REMOVED_GLOBALS: readonly string[] = REMOVED
