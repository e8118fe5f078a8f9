/**
 * The budget of one activation of a code node: how many steps (loop
 * iterations and function calls, counted by the calls instrument.ts puts
 * in the code) and how many bytes of arrays and buffers (made through the
 * constructors the code is given) it may spend before its next `yield`.
 * Past either, the code's step or constructor throws, and the activation
 * raises that error even if the code caught it: the node is closed at that
 * tick, as code that throws is, so a run replays the same. The budget is
 * the host's: it is set before each resume of the coroutine (`wrap`), where
 * code cannot reach.
 */
import { count as grouped, type Behaviour } from '../engine'

/** Steps one activation may take: about a second of tight loop on a slow machine. */
export const STEP_LIMIT = 10_000_000
/** Bytes one activation may ask of Array, ArrayBuffer and Uint8Array (a tab's worker has 1 to 4 GB in all). */
export const BYTE_LIMIT = 256 * 2 ** 20

/** What one budget is for: an activation of a code node (up to its next yield), or one decision of a written policy. */
export type MeterUnit = 'activation' | 'decision'

export const tooManySteps = (limit: number, per: MeterUnit = 'activation') =>
  per === 'activation'
    ? `ran over ${grouped(limit)} steps (loop turns and calls) in one activation without yielding: an infinite loop? Yield, or do less per item`
    : `ran over ${grouped(limit)} steps (loop turns and calls) in one decision: an infinite loop? Return sooner, or do less per decision`
export const tooManyBytes = (limit: number, per: MeterUnit = 'activation') =>
  `asked for over ${limit >= 2 ** 20 ? `${Math.round(limit / 2 ** 20)} MB` : `${grouped(limit)} bytes`} of arrays in one ${per}: make smaller ones, or fewer per ${per === 'activation' ? 'item' : 'decision'}`

export interface MeterLimits {
  steps?: number
  bytes?: number
  /** What a budget is for (the messages say): an activation, unless told. */
  per?: MeterUnit
}

export interface Meter {
  /** What the code calls at every loop turn and function call (frozen with the compartment's global). */
  readonly step: () => void
  /** Array, ArrayBuffer and Uint8Array, charging what they make to the activation. */
  readonly constructors: Record<string, unknown>
  /** The coroutine, with the budget set before each resume and its overrun raised after. */
  wrap(behaviour: Behaviour): Behaviour
  /** Runs `body(arg)` (a written policy's decision) on a fresh budget; its overrun is raised after, even if the code caught it. */
  call<A, T>(body: (arg: A) => T, arg: A): T
  /** Whether an error is this meter's overrun (the code ran over its budget), not one of the code's own. */
  overran(error: unknown): boolean
}

type Constructor = new (...args: unknown[]) => object

/** A count the code passed, as the constructor would read it (a length, a byte length), or 0. */
function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0
}

/** What a Uint8Array's first argument makes: a length, or the length of a list or array-like (a buffer is charged when it was made). */
function elements(value: unknown): number {
  if (typeof value === 'number') return count(value)
  if (Array.isArray(value)) return value.length
  return 0
}

export function createMeter(limits: MeterLimits = {}): Meter {
  const stepLimit = limits.steps ?? STEP_LIMIT
  const byteLimit = limits.bytes ?? BYTE_LIMIT
  const per = limits.per ?? 'activation'
  let steps = 0
  let bytes = 0
  /** The overrun of the activation running, once it ran over. */
  let overrun: Error | null = null
  /** Every overrun this meter raised, to tell them from errors of the code's own. */
  const overruns = new WeakSet<object>()

  const trip = (message: string): never => {
    // A plain Error, the realm's frozen one: code that catches it finds nothing of the meter's to write on.
    overrun ??= new Error(message)
    overruns.add(overrun)
    throw overrun
  }
  const step = function step(): void {
    if (++steps > stepLimit) trip(tooManySteps(stepLimit, per))
  }
  const charge = (n: number): void => {
    bytes += n
    if (bytes > byteLimit) trip(tooManyBytes(byteLimit, per))
  }

  /** A constructor that charges what it makes, and otherwise is the original: its prototype, statics and subclassing. */
  function charging(original: Constructor, cost: (args: unknown[]) => number): Constructor {
    const wrapper: unknown = function (this: unknown, ...args: unknown[]): object {
      charge(cost(args))
      if (!new.target) return Reflect.apply(original as unknown as (...a: unknown[]) => object, undefined, args)
      return Reflect.construct(original, args, new.target === wrapper ? original : new.target)
    }
    for (const key of Reflect.ownKeys(original)) {
      const descriptor = Reflect.getOwnPropertyDescriptor(original, key)
      if (descriptor) Reflect.defineProperty(wrapper as object, key, descriptor)
    }
    // Uint8Array.from and .of are %TypedArray%'s: they make their arrays with the wrapper, so they are charged too.
    Reflect.setPrototypeOf(wrapper as object, Reflect.getPrototypeOf(original))
    return wrapper as Constructor
  }

  // The ones a Compartment's global has: ses leaves the other typed arrays, SharedArrayBuffer, Atomics and WebAssembly out.
  const constructors: Record<string, unknown> = {
    Array: charging(Array as unknown as Constructor, (args) => 8 * (args.length === 1 ? count(args[0]) : args.length)),
    ArrayBuffer: charging(ArrayBuffer as unknown as Constructor, (args) => Math.max(count(args[0]), count((args[1] as { maxByteLength?: unknown } | undefined)?.maxByteLength))),
    Uint8Array: charging(Uint8Array as unknown as Constructor, (args) => elements(args[0])),
  }

  /**
   * The coroutine's generator, each resume of it with a fresh budget; the
   * budget of an activation that resumed it (none, in the engine) is put
   * back after. Written out, without closures, since it runs at every step.
   */
  class Metered {
    constructor(private readonly inner: Generator<unknown, unknown, unknown>) {}
    [Symbol.iterator]() {
      return this
    }
    next(value: unknown) {
      const nested = begin()
      try {
        return end(this.inner.next(value))
      } catch (e) {
        throw overrun ?? e
      } finally {
        restore(nested)
      }
    }
    throw(error: unknown) {
      const nested = begin()
      try {
        return end(this.inner.throw(error))
      } catch (e) {
        throw overrun ?? e
      } finally {
        restore(nested)
      }
    }
    return(value: unknown) {
      const nested = begin()
      try {
        return end(this.inner.return(value))
      } catch (e) {
        throw overrun ?? e
      } finally {
        restore(nested)
      }
    }
  }
  /** The budgets of the activations a running one was resumed from (none, in the engine). */
  const outer: { steps: number; bytes: number; overrun: Error | null }[] = []
  let depth = 0
  /** Starts an activation's budget; what it returns says whether one was running (a resume from inside another: its budget is kept aside). */
  function begin(): boolean {
    const nested = depth++ > 0
    if (nested) outer.push({ steps, bytes, overrun })
    steps = 0
    bytes = 0
    overrun = null
    return nested
  }
  /** The code caught its overrun and went on to yield or return: it still ran over. */
  function end<R>(result: R): R {
    if (overrun) throw overrun
    return result
  }
  function restore(nested: boolean): void {
    depth--
    const kept = nested ? outer.pop() : undefined
    if (kept) ({ steps, bytes, overrun } = kept)
  }

  function wrap(behaviour: Behaviour): Behaviour {
    return function* metered(this: unknown, ...args: Parameters<Behaviour>) {
      // yield* hands every next, throw and return to the Metered generator, which gives each a fresh budget.
      return yield* new Metered(behaviour.apply(this as ThisParameterType<Behaviour>, args))
    } as Behaviour
  }

  function call<A, T>(body: (arg: A) => T, arg: A): T {
    const nested = begin()
    try {
      return end(body(arg))
    } catch (e) {
      throw overrun ?? e
    } finally {
      restore(nested)
    }
  }

  const overran = (error: unknown): boolean => typeof error === 'object' && error !== null && overruns.has(error)

  return { step, constructors, wrap, call, overran }
}
