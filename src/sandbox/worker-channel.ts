/**
 * One worker and the one request out to it: a reply with the request's id
 * resolves it; no reply in time, or the worker dying, rejects it with Hung.
 * The worker's notes (which code node is starting, or about to run) are
 * kept for the request they came with. `restart` swaps in a new worker;
 * whatever the old one still says is ignored.
 *
 * The page talks to each worker over a MessageChannel of its own: the
 * worker's first message carries the other port, which its host keeps out
 * of reach of the code it runs. Only what comes on this port counts, and
 * only if it fits the protocol (readMessage): anything else is dropped, and
 * if no good reply comes the watchdog treats the worker as hung.
 */
import { readMessage, WATCHDOG, type CompareResult, type ResultOf, type SandboxMessage, type SandboxRequest, type SandboxResult, type WorkerCommand } from './protocol'

/** What the channel needs of a Worker (tests pass a fake). */
export interface WorkerLike {
  /** Only ever the first message: `{ type: 'connect' }` with the port the page and the worker's host talk over. */
  postMessage(message: { type: 'connect' }, transfer: Transferable[]): void
  terminate(): void
  onerror: ((event: unknown) => void) | null
}

/** The code node a careful step was about to run, at which tick (in which lane of a comparison); node null: the written policy, deciding. */
export interface Activating {
  node: string | null
  tick: number
  lane?: number
}

const CLOSED = 'the sandbox was closed'
/** How long a crashed worker's last messages may take to arrive. */
const CRASH_GRACE_MS = 25

/** The worker did not answer in time (an infinite loop, a runaway allocation) or died. */
export class Hung extends Error {
  constructor(readonly crashed: boolean) {
    super(crashed ? 'the sandbox worker crashed' : 'the sandbox worker did not answer in time')
  }
}

interface Waiting {
  id: number
  resolve: (result: SandboxResult | CompareResult) => void
  reject: (error: Error) => void
  timer: ReturnType<typeof setTimeout> | undefined
}

/** The page's end of a worker's channel (a MessagePort). */
interface PortLike {
  postMessage(message: SandboxRequest): void
  onmessage: ((event: { data: unknown }) => void) | null
  close(): void
}

export class WorkerChannel {
  private worker: WorkerLike
  private port!: PortLike
  private disposed = false
  /** Messages dropped because they did not fit the protocol (for tests and diagnosis). */
  dropped = 0
  private nextId = 1
  private waiting: Waiting | null = null
  /** The node whose code last began to run, during the current request. */
  priming: string | null = null
  /** The code node a careful step was about to run (or the policy deciding), during the current request. */
  activating: Activating | null = null
  /** What was about to run when the policy began deciding, named again once it has decided. */
  private beforeDeciding: Activating | null = null

  /** Whether the current worker has said it is ready; until then a request waits (see WATCHDOG.startTimeoutMs). */
  private ready = false
  private whenReady: (() => void) | null = null

  constructor(
    private readonly createWorker: () => WorkerLike,
    private readonly startTimeoutMs: number = WATCHDOG.startTimeoutMs,
  ) {
    this.worker = this.spawn()
  }

  send<C extends WorkerCommand>(command: C, timeoutMs: number): Promise<ResultOf<C>> {
    // A closed channel's worker is gone: a request still queued behind the one dispose ended must not wait for it to be ready.
    if (this.disposed) return Promise.reject(new Error(CLOSED))
    const id = this.nextId++
    this.priming = null
    this.activating = null
    this.beforeDeciding = null
    // The reply fits the protocol (readMessage); which of its results it is follows from the command.
    return new Promise<SandboxResult | CompareResult>((resolve, reject) => {
      const waiting: Waiting = { id, resolve, reject, timer: undefined }
      this.waiting = waiting
      const expire = (crashed: boolean) => () => {
        if (this.waiting !== waiting) return
        this.waiting = null
        reject(new Hung(crashed))
      }
      const start = () => {
        clearTimeout(waiting.timer)
        waiting.timer = setTimeout(expire(false), timeoutMs)
        this.port.postMessage({ ...command, id } as SandboxRequest)
      }
      if (this.ready) start()
      else {
        // The watchdog's clock starts once the worker is ready: loading it and locking its realm down is not the code's time.
        waiting.timer = setTimeout(expire(true), this.startTimeoutMs)
        this.whenReady = start
      }
    }) as Promise<ResultOf<C>>
  }

  /** Ends the worker (a request still out fails with Hung) and starts a new one. */
  restart(): void {
    this.settle(new Hung(false))
    this.end()
    this.worker = this.spawn()
  }

  dispose(): void {
    this.disposed = true
    this.settle(new Error(CLOSED))
    this.end()
  }

  private end(): void {
    this.port.onmessage = null
    this.port.close()
    this.worker.terminate()
  }

  private settle(error: Error): void {
    this.whenReady = null
    const waiting = this.waiting
    if (!waiting) return
    clearTimeout(waiting.timer)
    this.waiting = null
    waiting.reject(error)
  }

  private spawn(): WorkerLike {
    const worker = this.createWorker()
    this.ready = false
    this.whenReady = null
    const channel = new MessageChannel()
    const port = channel.port1 as unknown as PortLike
    port.onmessage = (event) => {
      if (worker !== this.worker) return
      const message = readMessage(event.data)
      if (message) this.receive(message)
      else {
        this.dropped++
        if (this.dropped <= 3) console.warn('The code sandbox sent a message that does not fit the protocol; it was dropped.')
      }
    }
    worker.postMessage({ type: 'connect' }, [channel.port2])
    worker.onerror = () => {
      // A worker's error event and its port's messages are separate task sources: the note naming the node it was running may still
      // be on its way, and the watchdog needs it to name the culprit. A short grace lets it land before the request fails.
      setTimeout(() => {
        if (worker === this.worker) this.settle(new Hung(true))
      }, CRASH_GRACE_MS)
    }
    this.port = port
    return worker
  }

  private receive(message: SandboxMessage): void {
    if (message.kind === 'note') {
      if (message.type === 'ready') {
        this.ready = true
        const start = this.whenReady
        this.whenReady = null
        start?.()
      } else if (message.type === 'priming') this.priming = message.node
      else if (message.type === 'deciding') {
        this.beforeDeciding = this.activating
        this.activating = { node: null, tick: message.tick, lane: message.lane }
      } else if (message.type === 'decided') {
        // The policy came back: what was about to run before it decided is what runs now.
        this.activating = this.beforeDeciding
        this.beforeDeciding = null
      } else this.activating = { node: message.node, tick: message.tick, lane: message.lane }
      return
    }
    const waiting = this.waiting
    if (!waiting || waiting.id !== message.id) return
    clearTimeout(waiting.timer)
    this.waiting = null
    if (message.ok) waiting.resolve(message.result)
    else waiting.reject(new Error(message.error))
  }
}
