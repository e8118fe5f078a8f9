/**
 * Compiles a code node's source — `function* (ports, params, self) { … }` —
 * into the coroutine function the engine runs, in a hardened realm (ses,
 * Hardened JavaScript). Only where running the user's code is allowed: the
 * sandbox worker, the CLI with --allow-code, tests and the benchmark.
 *
 * `lockdown()` (once per realm, on the first compiler made) freezes every
 * shared intrinsic: code cannot replace `JSON.stringify`, `Array.prototype.push`
 * or `Error.prototype` for the code around it. The source is evaluated in a
 * Compartment whose global object holds the language's own intrinsics and
 * nothing of the host's: no `postMessage` or `onmessage`, no timers, no
 * `fetch`, `FontFace`, `importScripts`, `close` or `self` of the worker. Its
 * `Math.random` is the run's seeded generator (runs replay the same), and
 * there is no way to make code from text: `eval`, `Function` and any
 * function's `constructor` refuse. Code that loads code (`import()`,
 * `import.meta`) is refused by the checker first (check-source.ts), and the
 * compartment rejects anything that looks like an import expression again.
 *
 * Each activation of a code node (one resume of its coroutine, up to its
 * next `yield`) has a budget (meter.ts): steps, spent at every loop
 * iteration and function call (instrument.ts puts the calls in), and bytes
 * of arrays and buffers the code asks of `Array`, `ArrayBuffer` and
 * `Uint8Array`. Past either, the node raises at that tick, as code that
 * throws does: the run replays the same, and the page's one-second watchdog
 * is only the second wall. The compartment has no other typed arrays, no
 * `SharedArrayBuffer`, `Atomics` or `WebAssembly` (ses leaves them out).
 */
import 'ses'

import type { Behaviour } from '../engine'
import { checkSource, describeCheck } from './check-source'
import { instrument, METER } from './instrument'
import { createMeter, type Meter } from './meter'

export interface CompilerOptions {
  /** What the code's `Math.random()` returns: the run's seeded generator. Without it, Math.random refuses. */
  random?: () => number
  /** Extra globals for the code (tests give stand-ins for a hang or a crash). Hardened before the code sees them. */
  globals?: Record<string, unknown>
  /** The activation's budget (tests give a small one). */
  meter?: Meter
}

export const NO_CODE_FROM_TEXT = 'code nodes cannot make code from text (Function, eval) in the sandbox'
export const NO_RANDOM = 'Math.random is not available here: draw from the run with self.random()'

let lockedDown = false

/** Freezes this realm's intrinsics, once. After this, code anywhere in the realm (the host's too) cannot change them. */
export function hardenRealm(): void {
  if (lockedDown) return
  lockedDown = true
  // Already locked down by someone else in this realm: nothing to do (lockdown throws when called twice with other options).
  if (Object.isFrozen(Object.prototype) && Object.isFrozen(Array.prototype)) return
  // 'unsafe' consoleTaming keeps the host's console as it is (the code gets none); errors keep their stacks for the host's own failures.
  lockdown({ consoleTaming: 'unsafe', errorTaming: 'unsafe', overrideTaming: 'moderate', stackFiltering: 'verbose', reporting: 'none' })
}

/** What code gets for `eval` and `Function`: an error saying why (it keeps `instanceof Function` working). */
function refuseCodeFromText(): never {
  throw new EvalError(NO_CODE_FROM_TEXT)
}
refuseCodeFromText.prototype = Function.prototype

function seededMath(draw: (() => number) | undefined): typeof Math {
  const math: Record<string | symbol, unknown> = {}
  for (const key of Reflect.ownKeys(Math)) {
    if (key !== 'random') math[key] = (Math as unknown as Record<string | symbol, unknown>)[key]
  }
  math.random = draw
    ? function random() {
        return draw()
      }
    : function random(): never {
        throw new TypeError(NO_RANDOM)
      }
  return math as unknown as typeof Math
}

const GENERATOR_PROTOTYPE = Object.getPrototypeOf(function* () {}) as object

/** A compiler whose code runs in a compartment of its own (one for all the code it compiles: its global is frozen, so code cannot leave anything there for other code). */
export function createCompiler(options: CompilerOptions = {}): (source: string) => Behaviour {
  hardenRealm()
  const meter = options.meter ?? createMeter()
  const compartment = new Compartment({
    __options__: true,
    name: 'code nodes',
    globals: {
      ...options.globals,
      ...meter.constructors,
      [METER]: meter.step,
      Math: seededMath(options.random),
      eval: refuseCodeFromText,
      Function: refuseCodeFromText,
      Compartment: undefined,
    },
  })
  harden(compartment.globalThis)
  return (source) => {
    // Exactly one generator function expression: evaluating it runs none of the code, and the checker has refused import() and import.meta.
    const check = checkSource(source)
    if (!check.ok) throw new SyntaxError(describeCheck(check))
    // `i-->0` is an operator, not the HTML comment ses would reject it as.
    const fn = compartment.evaluate(`(\n${instrument(source)}\n)`, { __evadeHtmlCommentTest__: true }) as unknown
    if (typeof fn !== 'function' || Object.getPrototypeOf(fn) !== GENERATOR_PROTOTYPE) {
      throw new TypeError('the code must be a generator function: function* (ports, params, self) { … }')
    }
    return meter.wrap(fn as Behaviour)
  }
}

let shared: ((source: string) => Behaviour) | null = null

/**
 * Compiles `source` with a shared compiler whose code has no `Math.random`
 * (the CLI and the benchmark; the worker makes its own, seeded). Throws a
 * SyntaxError or TypeError naming what is wrong.
 */
export function compileCoroutine(source: string): Behaviour {
  shared ??= createCompiler()
  return shared(source)
}
