/**
 * A stand-in for the sandbox worker in unit tests: the real SandboxHost,
 * answering asynchronously. Code that calls `hang()` makes it behave like
 * a worker stuck in an infinite loop (it never answers again); `crash()`
 * like one that died.
 */
import { compileCoroutine } from './compile'
import type { WorkerLike } from './client'
import { SandboxHost } from './host'
import type { SandboxMessage, SandboxRequest } from './protocol'

export class FakeWorker implements WorkerLike {
  onmessage: ((event: { data: SandboxMessage }) => void) | null = null
  onerror: ((event: unknown) => void) | null = null
  hung = false
  terminated = false
  readonly received: SandboxRequest[] = []
  private readonly host: SandboxHost

  constructor() {
    this.host = new SandboxHost({
      post: (message) => {
        if (this.terminated || this.hung) return
        setTimeout(() => {
          if (!this.terminated) this.onmessage?.({ data: message })
        })
      },
      // The code gets `hang` and `crash` as globals of its own.
      compile: (source) => compileCoroutine(`((hang, crash) => ${source})(${HANG}, ${CRASH})`),
    })
  }

  postMessage(request: SandboxRequest): void {
    this.received.push(request)
    setTimeout(() => {
      if (this.hung || this.terminated) return
      const { id, ...command } = request
      running.worker = this
      try {
        this.host.handle(id, command)
      } finally {
        running.worker = null
      }
    })
  }

  terminate(): void {
    this.terminated = true
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

const registry = globalThis as unknown as { __fakeHang?: () => void; __fakeCrash?: () => void }
registry.__fakeHang = hangActive
registry.__fakeCrash = crashActive
const HANG = '() => globalThis.__fakeHang()'
const CRASH = '() => globalThis.__fakeCrash()'
