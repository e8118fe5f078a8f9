/**
 * The seed's Tasklet ("Meshing Part 2"): a coroutine plus a FIFO work queue.
 * `send` only queues; `next`, `last` and `flush` resume the coroutine with
 * queued items. A coroutine is a generator function; it reaches its own
 * tasklet as `this` (the seed's injected `self`).
 */
import { Deque } from './deque'

/** Thrown into a coroutine when it is closed, as Python's `GeneratorExit`. */
export class GeneratorExit extends Error {
  override name = 'GeneratorExit'
}

/** A coroutine body: takes items at `yield`, produces nothing. */
export type CoroutineBody<T = unknown> = Generator<void, void, T>

/** A generator function used as a tasklet's coroutine; `this` is the tasklet. */
// Any argument list: `set` and `rescope` pass arguments through untyped, as the seed's *args did.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type CoroutineFn<T = unknown, A extends unknown[] = any[]> = (this: Tasklet<T>, ...args: A) => CoroutineBody<T>

/** Anything a coroutine can send to: a tasklet or a bare coroutine. */
export interface Sendable<T = unknown> {
  send(value: T): unknown
}

/** What taking one item from a tasklet's queue came to. */
export const Outcome = {
  /** The queue was empty: nothing taken. */
  Empty: 0,
  /** The coroutine processed the item. */
  Processed: 1,
  /** The coroutine was closed: the item was taken and nothing happened. */
  Discarded: 2,
  /** The coroutine raised while processing the item and is now closed. */
  Raised: 3,
} as const
export type Outcome = (typeof Outcome)[keyof typeof Outcome]

/**
 * Generators' own `next` (%GeneratorPrototype%.next), to call directly.
 * Every generator function gives its generators a prototype of their own,
 * so looking `next` up on each coroutine would make the engine's hottest
 * call site megamorphic as soon as a few kinds (or code nodes) have run.
 */
const resume = (Object.getPrototypeOf(function* () {}) as { prototype: Generator<unknown, unknown, unknown> }).prototype.next

/** Closes a generator as Python's `generator.close()` does; returns the error it raised, if any. */
export function closeGenerator(gen: Generator<unknown, unknown, never>): Error | undefined {
  try {
    const r = gen.throw(new GeneratorExit())
    if (!r.done) {
      gen.return(undefined)
      return new Error('RuntimeError: generator ignored GeneratorExit')
    }
  } catch (e) {
    if (!(e instanceof GeneratorExit)) return e instanceof Error ? e : new Error(String(e))
  }
  return undefined
}

/**
 * A bare, primed coroutine with Python's generator API (`send`, `close`):
 * the seed's `sink()` passed straight to a tasklet as its target.
 * @example const target = coroutine(sink)(); target.send('2x1')
 */
export class Coroutine<T = unknown> implements Sendable<T> {
  private readonly gen: CoroutineBody<T>
  closed = false

  constructor(gen: CoroutineBody<T>) {
    this.gen = gen
    this.gen.next()
  }

  send(value: T): this {
    if (this.closed) throw new Error('StopIteration')
    const r = this.gen.next(value)
    if (r.done) this.closed = true
    return this
  }

  close(): this {
    if (!this.closed) {
      this.closed = true
      const error = closeGenerator(this.gen)
      if (error) throw error
    }
    return this
  }
}

/** The seed's `@coroutine` decorator: calling the result gives a primed Coroutine. */
export function coroutine<T, A extends unknown[]>(fn: (...args: A) => CoroutineBody<T>): (...args: A) => Coroutine<T> {
  return (...args: A) => new Coroutine(fn(...args))
}

/** The empty tasklet's coroutine: what is sent to it disappears. */
function* default_coro(): CoroutineBody<unknown> {
  for (;;) yield
}

/**
 * A coroutine plus a FIFO work queue, with the seed's whole API.
 * @example new Tasklet(doubler, target).send(1).send(2).flush()
 */
export class Tasklet<T = unknown> implements Sendable<T>, Iterable<T> {
  fn!: CoroutineFn<T>
  args!: unknown[]
  /** The work queue; items wait here until `next`, `last` or `flush` takes them. */
  items!: Deque<T>
  /** True once the coroutine is closed or finished; `restart` revives it. */
  closed = false
  /** What the coroutine raised, when that is what closed it. */
  error: Error | undefined
  /** Checks an item before `send` queues it; throws to refuse it (a run refuses what a mesh cannot carry). */
  accept: ((value: T) => void) | null = null
  private coro!: CoroutineBody<T>
  private _name = ''

  constructor(fn?: CoroutineFn<T>, ...args: unknown[]) {
    this.set(fn, ...args)
  }

  /** Installs a new coroutine with new arguments and a new, empty queue. */
  set(fn?: CoroutineFn<T>, ...args: unknown[]): this {
    const oldQueue = this.items as Deque<T> | undefined
    this.install(fn, args)
    // Its items go with it: emptied, so that a queue keeping an item ledger marks them dropped.
    oldQueue?.clear()
    return this
  }

  /** Installs a new coroutine function with new arguments and keeps the queue: a node whose kind or code changed (`rescope` keeps the function too). */
  replace(fn: CoroutineFn<T>, ...args: unknown[]): this {
    const queue = this.items
    this.install(fn, args)
    // As the seed's rescope: what the coroutines sent themselves meanwhile went to the passing queue, and is lost.
    const passing = this.items
    this.items = queue
    passing.clear()
    return this
  }

  private install(fn: CoroutineFn<T> | undefined, args: unknown[]): void {
    const oldCoro = this.coro as CoroutineBody<T> | undefined
    const oldArgs = this.args as unknown[] | undefined
    const wasOpen = oldCoro !== undefined && !this.closed
    this.fn = fn ?? (default_coro as CoroutineFn<T>)
    this.args = args
    this.items = (this.items as Deque<T> | undefined)?.fresh() ?? new Deque<T>()
    this.closed = false
    this.error = undefined
    this._name = this.fn.name
    this.coro = this.fn.call(this, ...args)
    this.prime()
    // CPython closed the replaced coroutine at once (reference counting), and
    // the seed's printed output depends on it: close handlers run here, then
    // bare coroutines that only the old arguments held are collected.
    if (wasOpen) closeGenerator(oldCoro)
    if (oldArgs) for (const arg of oldArgs) if (arg instanceof Coroutine && !args.includes(arg)) arg.close()
  }

  /** Queues one item; nothing runs. Chainable: `task.send(1).send(2)`. */
  send(value: T): this {
    if (this.accept !== null) this.accept(value)
    this.items.push(value)
    return this
  }

  /** Processes the head item; returns it, or undefined when nothing was processed. */
  next(): T | undefined {
    const item = this.items.at(0)
    return this.advance(false) === Outcome.Processed ? item : undefined
  }

  /** Processes the tail item; returns it, or undefined when nothing was processed. */
  last(): T | undefined {
    const item = this.items.at(this.items.length - 1)
    return this.advance(true) === Outcome.Processed ? item : undefined
  }

  /** Processes items until the queue is empty (items sent meanwhile included); returns them. */
  flush(): T[] {
    return [...this]
  }

  /** Empties the queue. */
  clear(): this {
    this.items.clear()
    return this
  }

  /** Keeps the coroutine function and the queue, with new arguments (a re-wiring). */
  rescope(...args: unknown[]): this {
    return this.replace(this.fn, ...args)
  }

  /** `set` with the same function and arguments: revives a closed tasklet, with an empty queue. */
  restart(): this {
    return this.set(this.fn, ...this.args)
  }

  /** Closes the coroutine; its close handler may still send. */
  close(): this {
    if (!this.closed) {
      this.closed = true
      const error = closeGenerator(this.coro)
      if (error) this.error = error
    }
    return this
  }

  /** The name the seed's `PriorityTasklet.name()` gives; chainable. */
  named(name: string): this {
    this._name = name
    return this
  }

  get name(): string {
    return this._name
  }

  toString(): string {
    return this._name
  }

  /** Iterating processes items one by one until the queue is empty or the coroutine closed. */
  *[Symbol.iterator](): Iterator<T> {
    for (;;) {
      const item = this.items.at(0)
      if (this.advance(false) !== Outcome.Processed) return
      yield item as T
    }
  }

  /**
   * Takes the head (or tail) item and resumes the coroutine with it: the one
   * step every scheduler is made of. A coroutine that raises is closed with
   * the error kept in `error`; it never escapes to the caller.
   */
  advance(last: boolean): Outcome {
    if (this.items.length === 0) return Outcome.Empty
    const item = (last ? this.items.pop() : this.items.shift()) as T
    if (this.closed) return Outcome.Discarded
    try {
      if (resume.call(this.coro, item).done) {
        this.closed = true
        return Outcome.Discarded
      }
      return Outcome.Processed
    } catch (e) {
      return this.raised(e)
    }
  }

  /** The coroutine raised: it is closed, with the error kept. */
  private raised(e: unknown): Outcome {
    this.closed = true
    this.error = e instanceof Error ? e : new Error(String(e))
    return Outcome.Raised
  }

  private prime(): void {
    try {
      if (this.coro.next().done) this.closed = true
    } catch (e) {
      this.closed = true
      this.error = e instanceof Error ? e : new Error(String(e))
    }
  }
}
