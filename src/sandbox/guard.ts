/**
 * What stands between a code node's coroutine and the sandbox's host: the
 * code gets hardened arguments and a hardened facade of its tasklet (not
 * the engine's objects, whose prototypes and fields lead to other nodes'
 * tasklets and the run), and whatever it throws is turned into a plain
 * Error described without trusting it: a getter on `name` or `message`,
 * a throwing `toString` or a Proxy must not decide what the page shows.
 */
import { GeneratorExit, type Behaviour, type NodeEnv, type Params, type Port } from '../engine'

const DESCRIBE_FAILED = 'the code threw something the sandbox cannot describe (a Proxy or an object with getters?)'
const MAX_TEXT = 300

/** A string as it may be shown: cut short. */
function shown(text: string): string {
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text
}

/**
 * The language's own error prototypes, frozen by the lockdown: their `name`
 * may be an accessor (ses turns some data properties into accessors so that
 * instances can still set their own), but it is the realm's, not the code's.
 */
const ERROR_PROTOTYPES: ReadonlySet<object> = new Set(
  [Error, TypeError, RangeError, ReferenceError, SyntaxError, EvalError, URIError, AggregateError].map((E) => E.prototype as object),
)

/** What the code's error has for `name` or `message`: a data property's string along the prototype chain (an accessor of the code's is skipped, never run), and whether there was such an accessor. */
function dataString(target: object, key: string): { value: string | undefined; getter: boolean } {
  let owner: object | null = target
  let getter = false
  for (let depth = 0; owner && depth < 8; depth++) {
    if (ERROR_PROTOTYPES.has(owner)) {
      const value = (owner as Record<string, unknown>)[key]
      return { value: typeof value === 'string' ? value : undefined, getter }
    }
    const descriptor = Reflect.getOwnPropertyDescriptor(owner, key)
    if (descriptor && 'value' in descriptor) return { value: typeof descriptor.value === 'string' ? descriptor.value : undefined, getter }
    if (descriptor) getter = true
    owner = Reflect.getPrototypeOf(owner)
  }
  return { value: undefined, getter }
}

/**
 * What the code threw, as an Error the engine and the page can show. Only
 * data properties are read, never getters, `toString` or `Symbol.toPrimitive`;
 * if even that fails (a Proxy's traps throw), a fixed sentence.
 */
export function describeThrown(thrown: unknown): Error {
  if (typeof thrown !== 'object' || thrown === null) {
    if (typeof thrown === 'function') return new Error('the code threw a function')
    return new Error(shown(typeof thrown === 'symbol' ? (thrown.description ?? 'a symbol') : String(thrown)))
  }
  try {
    const read = dataString(thrown, 'message')
    const name = dataString(thrown, 'name').value
    const message = read.getter ? 'its message is a getter, which the sandbox does not run' : read.value
    if (message === undefined && name === undefined) return new Error('the code threw an object that is not an Error')
    const error = new Error(shown(message ?? ''))
    if (name !== undefined && name !== 'Error') Object.defineProperty(error, 'name', { value: shown(name), writable: true, configurable: true })
    return error
  } catch {
    return new Error(DESCRIBE_FAILED)
  }
}

/** The engine's own GeneratorExit (closing the coroutine); a Proxy's getPrototypeOf trap that throws makes it not one. */
function isGeneratorExit(thrown: unknown): boolean {
  try {
    return thrown instanceof GeneratorExit
  } catch {
    return false
  }
}

/** The tasklet as the code sees it as `this`: its name, whether it is closed, how many items wait. Nothing leads back to the engine. */
interface TaskletLike {
  readonly name: string
  readonly closed: boolean
  readonly items: { readonly length: number }
}

function facade(tasklet: TaskletLike): object {
  return harden({
    get name() {
      return tasklet.name
    },
    get closed() {
      return tasklet.closed
    },
    get pending() {
      return tasklet.items.length
    },
    toString() {
      return tasklet.name
    },
  })
}

/**
 * The coroutine the engine runs for compiled code: tells `onStart` which
 * node starts it (so a hang before the first yield can be named), gives the
 * code hardened arguments, and rethrows what it throws as describeThrown's
 * Error. The engine's GeneratorExit passes through as it is.
 */
export function guardBehaviour(behaviour: Behaviour, onStart: (node: string) => void): Behaviour {
  return function* guarded(this: unknown, ports: Record<string, Port>, params: Params, self: NodeEnv) {
    onStart(self.id)
    let inner: ReturnType<Behaviour>
    try {
      inner = behaviour.call(facade(this as TaskletLike) as ThisParameterType<Behaviour>, harden(ports), harden(structuredClone(params)), harden(self))
    } catch (e) {
      throw describeThrown(e)
    }
    try {
      return yield* inner
    } catch (e) {
      throw isGeneratorExit(e) ? e : describeThrown(e)
    }
  }
}
