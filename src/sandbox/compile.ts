/**
 * Compiles a code node's source — `function* (ports, params, self) { … }` —
 * into the coroutine function the engine runs. Only where running the user's
 * code is allowed: the sandbox worker, and the CLI with --allow-code. The
 * code gets no `this` but its tasklet, and sees the run's seeded `random`
 * through `self`. Code that loads code (`import()`, `import.meta`) is
 * refused first, wherever it came from: see check-source.ts.
 */
import type { Behaviour } from '../engine'
import { refuseImports } from './check-source'

const GENERATOR = Object.getPrototypeOf(function* () {}).constructor as FunctionConstructor
/** Kept from before the worker's lockdown, which leaves user code no Function constructor. */
const MakeFunction = Function

/** Compiles `source`; throws a SyntaxError or TypeError naming what is wrong. */
export function compileCoroutine(source: string): Behaviour {
  refuseImports(source)
  // The source is an expression: a generator function, written as the seed wrote its coroutines.
  const make = new MakeFunction(`"use strict"; return (\n${source}\n)`) as () => unknown
  const fn = make()
  if (typeof fn !== 'function' || !(fn instanceof GENERATOR)) {
    throw new TypeError('the code must be a generator function: function* (ports, params, self) { … }')
  }
  return fn as Behaviour
}
