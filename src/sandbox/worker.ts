/**
 * The sandbox: a dedicated module worker where code nodes run, off the
 * page. The realm is locked down (ses) before any code is compiled, and
 * each code node's source runs in a Compartment with none of the worker's
 * globals (compile.ts). The page talks to the host over a MessageChannel
 * port, the first message the worker receives; the host keeps it in this
 * closure, and the worker's own `onmessage` ignores everything after it.
 * The page's client (client.ts) watches every request and replaces this
 * worker when it hangs.
 */
/// <reference lib="webworker" />
import { hardenRealm } from './compile'
import { SandboxHost } from './host'
import type { SandboxRequest } from './protocol'

hardenRealm()
const scope = self as unknown as DedicatedWorkerGlobalScope
let port: MessagePort | null = null

scope.onmessage = (event: MessageEvent) => {
  const given = event.ports[0]
  if (port || !given) return
  port = given
  const own = given
  const host = new SandboxHost({ post: (message, transfer) => own.postMessage(message, transfer ?? []) })
  own.onmessage = (message: MessageEvent<SandboxRequest>) => {
    const { id, ...command } = message.data
    host.handle(id, command)
  }
  own.postMessage({ kind: 'note', type: 'ready' })
}
