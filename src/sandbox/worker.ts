/**
 * The sandbox: a dedicated module worker where code nodes run, off the
 * page. It has no DOM; lockDown takes the network and other code loading
 * away before any user code is compiled. The page's client (client.ts)
 * watches every request and replaces this worker when it hangs.
 */
/// <reference lib="webworker" />
import { SandboxHost } from './host'
import { lockDown } from './lockdown'
import type { SandboxRequest } from './protocol'

const scope = self as unknown as DedicatedWorkerGlobalScope
const post = scope.postMessage.bind(scope)
const host = new SandboxHost({ post: (message) => post(message) })
lockDown(scope as unknown as Record<string, unknown>, Math, host.random)

scope.onmessage = (event: MessageEvent<SandboxRequest>) => {
  const { id, ...command } = event.data
  host.handle(id, command)
}
