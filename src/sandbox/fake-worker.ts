/**
 * A stand-in for the sandbox worker in unit tests: the real SandboxHost,
 * with its code in the hardened realm, talking over the MessagePort the
 * page hands it as the real worker does. Code that calls `hang()` makes it
 * behave like a worker stuck in an infinite loop (it never answers again);
 * `crash()` like one that died.
 */
import { createCompiler, createPolicyCompiler } from './compile'
import { SandboxHost } from './host'
import type { SandboxMessage, SandboxRequest } from './protocol'
import type { WorkerLike } from './worker-channel'

export class FakeWorker implements WorkerLike {
  onerror: ((event: unknown) => void) | null = null
  hung = false
  terminated = false
  readonly received: SandboxRequest[] = []
  private readonly host: SandboxHost
  private port: MessagePort | null = null

  /** `now`: the host's clock, for tests whose slices must end after a known amount of work (the real one otherwise). */
  constructor({ now }: { now?: () => number } = {}) {
    const host: SandboxHost = new SandboxHost({
      now,
      post: (message, transfer) => this.post(message, transfer),
      // The code gets `hang` and `crash` as globals of its own.
      compile: createCompiler({ random: () => host.random(), globals: { hang: hangActive, crash: crashActive } }),
      compilePolicy: createPolicyCompiler({ globals: { hang: hangActive, crash: crashActive } }),
    })
    this.host = host
  }

  /** As the real worker: the first message's port is the one it answers on; later messages to the worker itself are ignored. */
  postMessage(_message: { type: 'connect' }, transfer: Transferable[]): void {
    const port = transfer[0] as MessagePort | undefined
    if (this.port || !port) return
    this.port = port
    port.onmessage = (event: MessageEvent<SandboxRequest>) => this.handle(event.data)
    port.postMessage({ kind: 'note', type: 'ready' })
  }

  /** What code that reached the port could send (nothing in the realm can: tests use it to forge replies). */
  forge(message: unknown): void {
    this.port?.postMessage(message)
  }

  terminate(): void {
    this.terminated = true
    this.port?.close()
  }

  private post(message: SandboxMessage, transfer: Transferable[] = []): void {
    if (this.terminated || this.hung) return
    this.port?.postMessage(message, transfer)
  }

  private handle(request: SandboxRequest): void {
    this.received.push(request)
    if (this.hung || this.terminated) return
    const { id, ...command } = request
    running.worker = this
    try {
      this.host.handle(id, command)
    } finally {
      running.worker = null
    }
  }
}

/** The fake worker whose host is running a command, the one user code hangs or crashes. */
const running: { worker: FakeWorker | null } = { worker: null }

/** Called from user code under test: the worker stops answering. */
export function hangActive(): void {
  if (running.worker) running.worker.hung = true
}

/** Called from user code under test: the worker dies. */
export function crashActive(): void {
  const worker = running.worker
  if (!worker) return
  worker.hung = true
  setTimeout(() => worker.onerror?.(new Error('crashed')))
}
