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

/** A data property's string value, looked up along the prototype chain without running any getter; undefined if it is not one. */
function dataString(target: object, key: string): string | undefined {
  let owner: object | null = target
  for (let depth = 0; owner && depth < 8; depth++) {
    const descriptor = Reflect.getOwnPropertyDescriptor(owner, key)
    if (descriptor) return 'value' in descriptor && typeof descriptor.value === 'string' ? descriptor.value : undefined
    owner = Reflect.getPrototypeOf(owner)
  }
  return undefined
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
    const message = dataString(thrown, 'message')
    const name = dataString(thrown, 'name')
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
