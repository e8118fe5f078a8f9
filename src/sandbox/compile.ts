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

import { PolicyStopped, type Behaviour, type Policy, type PolicyCompiler, type PolicyView } from '../engine'
import { checkSource, describeCheck } from './check-source'
import { describeThrown } from './guard'
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
export const NO_POLICY_RANDOM = 'Math.random is only available while the policy decides: draw with mesh.random()'

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

/** Other keys of a returned object the scheduler's message names (their values are not read). */
const OTHER_KEYS = 3

/**
 * What the policy returned, as plain data the engine can read without
 * running any of the policy's code again: a primitive as it is, a list as
 * an empty one, an object as `{ run, take }` copied from its own data
 * properties (an accessor is not run: it reads as undefined), with up to
 * three other keys named. Called while the policy's budget still runs, so
 * a Proxy's traps are metered too.
 */
function plainDecision(value: unknown): unknown {
  if (typeof value === 'function') return PLAIN_FUNCTION_STAND_IN
  if (typeof value !== 'object' || value === null) return value
  if (Array.isArray(value)) return []
  const plain: Record<string, unknown> = {}
  for (const key of ['run', 'take']) {
    const descriptor = Reflect.getOwnPropertyDescriptor(value, key)
    if (!descriptor) continue
    const field: unknown = 'value' in descriptor ? descriptor.value : undefined
    plain[key] = typeof field === 'object' && field !== null ? (Array.isArray(field) ? [] : {}) : typeof field === 'function' ? PLAIN_FUNCTION_STAND_IN : field
  }
  let others = 0
  for (const key of Reflect.ownKeys(value)) {
    if (typeof key !== 'string' || key === 'run' || key === 'take') continue
    if (others++ === OTHER_KEYS) break
    plain[key] = undefined
  }
  return plain
}

/** What stands in for a function the policy returned: the engine only tells it is one. */
function PLAIN_FUNCTION_STAND_IN(): void {}

/**
 * A compiler of written policies (`function (mesh) { … }`), whose code runs
 * in a compartment of its own, as code nodes' does: no host globals, no
 * code from text, frozen intrinsics. Each decision has its own budget
 * (meter.ts): a policy that loops is stopped at that decision, the same
 * way every time. Its `Math.random` is the view's `mesh.random()`: the
 * run's seeded generator, traced, and the dry run's copy when the run only
 * looks at its next step. What the policy returns is copied to plain data
 * inside its budget, and what it throws is described without trusting it.
 */
export function createPolicyCompiler(options: Omit<CompilerOptions, 'random'> = {}): PolicyCompiler {
  hardenRealm()
  const meter = options.meter ?? createMeter({ per: 'decision' })
  let deciding: PolicyView | null = null
  const draw = () => {
    if (!deciding) throw new TypeError(NO_POLICY_RANDOM)
    return deciding.random()
  }
  const compartment = new Compartment({
    __options__: true,
    name: 'written policies',
    globals: {
      ...options.globals,
      ...meter.constructors,
      Math: seededMath(draw),
      eval: refuseCodeFromText,
      Function: refuseCodeFromText,
      Compartment: undefined,
    },
  })
  harden(compartment.globalThis)
  return (source) => {
    // Exactly one plain function expression: evaluating it runs none of the code.
    const check = checkSource(source, 'policy')
    if (!check.ok) throw new SyntaxError(describeCheck(check))
    // The meter as a parameter around the function, not a global: a compartment's globals are looked up through its scope
    // proxy, slowly, and the meter is called at every loop turn of a decision made every tick. The code cannot name it.
    const bind = compartment.evaluate(`((${METER}) => (\n${instrument(source)}\n))`, { __evadeHtmlCommentTest__: true }) as (step: () => void) => unknown
    const fn = bind(meter.step)
    // A plain function or arrow: not a generator's or an async function's prototype.
    if (typeof fn !== 'function' || Object.getPrototypeOf(fn) !== Function.prototype) {
      throw new TypeError('the policy must be a function: function (mesh) { … }')
    }
    // Frozen, with its prototype: nothing of it can hold a value from one decision to the next.
    harden(fn)
    const decide = fn as (mesh: PolicyView) => unknown
    // Written out once, not a closure per decision: a decision is made every tick.
    const decideAndCopy = (mesh: PolicyView) => plainDecision(decide(mesh))
    const policy: Policy = (mesh) => {
      const outer = deciding
      deciding = mesh
      try {
        return meter.call(decideAndCopy, mesh)
      } catch (e) {
        if (meter.overran(e)) throw new PolicyStopped((e as Error).message)
        throw describeThrown(e)
      } finally {
        deciding = outer
      }
    }
    return policy
  }
}

let shared: ((source: string) => Behaviour) | null = null
let sharedPolicies: PolicyCompiler | null = null

/**
 * Compiles a written policy with a shared compiler (the CLI, tests and the
 * benchmark; the sandbox worker makes its own). Throws a SyntaxError or
 * TypeError naming what is wrong.
 */
export function compilePolicy(source: string): Policy {
  sharedPolicies ??= createPolicyCompiler()
  return sharedPolicies(source)
}

/**
 * Compiles `source` with a shared compiler whose code has no `Math.random`
 * (the CLI and the benchmark; the worker makes its own, seeded). Throws a
 * SyntaxError or TypeError naming what is wrong.
 */
export function compileCoroutine(source: string): Behaviour {
  shared ??= createCompiler()
  return shared(source)
}
