/**
 * The simulator's watchdog for code nodes and written policies, as the page
 * has one: the run goes on in a worker thread, and every code node's
 * coroutine (and every decision of the policy) is wrapped so that it marks,
 * in memory both threads share, which node is running (or that the policy
 * is deciding) and that it has come back. If one runs for over 1 s (an
 * infinite loop, say), the main thread ends the worker and names the node
 * or the policy, and the tick.
 *
 * The worker writes its lines to stdout itself, in blocks, synchronously, so
 * a slow reader of the pipe only holds the worker up and nothing piles up in
 * memory; while it writes it says so, and a wait for the pipe is not a hang.
 * The block it is filling is shared too: when the worker is ended, the main
 * thread writes out what it held, so the output stops at the hang, not at
 * the last full block.
 */
import { writeSync } from 'node:fs'
import { parentPort, Worker, workerData } from 'node:worker_threads'
import type { Behaviour, CodeCompiler, MeshDocument, Policy, PolicyCompiler, RunStop, Simulation } from '../engine'
import { compileCoroutine, compilePolicy } from '../sandbox/compile'
import { WATCHDOG } from '../sandbox/protocol'

type Format = 'jsonl' | 'seed' | 'summary'
type Simulate = (
  doc: MeshDocument,
  format: Format,
  write: (line: string) => void,
  compile: CodeCompiler,
  started: (sim: Simulation) => void,
  starvationTicks: number | undefined,
  policy: PolicyCompiler,
) => { stop: RunStop | null; warning: string | null }

/**
 * The shared cells: how many times code has been entered or left, the node
 * running (index + 1; 0 none; COMPILING), its tick, whether stdout is being
 * written, and how many bytes of the output block are filled.
 */
const BEATS = 0
const RUNNING = 1
const TICK = 2
const WRITING = 3
const FILLED = 4
const CELLS = 5
const COMPILING = -1
/** In RUNNING: the written policy is deciding. */
const DECIDING = -2
/** The output block's size in bytes. */
const BLOCK = 1 << 17

const MARK = 'mesh-simulate-worker'

interface WorkerInput {
  mark: typeof MARK
  doc: MeshDocument
  format: Format
  /** The summary's starvation threshold, when given. */
  starvation: number | undefined
  shared: SharedArrayBuffer
  output: SharedArrayBuffer
}

type WorkerOutput = { type: 'done'; warning: string | null; stop: RunStop | null } | { type: 'epipe' }

export interface WatchedOutcome {
  /** The budget, queue-cap or policy warning, as simulate gives it. */
  warning: string | null
  /** Why the run stopped, when it ran to a stop (null when the watchdog ended it, or nothing stopped it). */
  stop: RunStop | null
  /** Why the run was stopped (a code node ran too long), or null. */
  stopped: string | null
}

/** Writes all of `bytes` to stdout, waiting while a non-blocking pipe is full (writeSync may write part, or say EAGAIN). */
function writeAll(bytes: Uint8Array): void {
  const pause = new Int32Array(new SharedArrayBuffer(4))
  let at = 0
  while (at < bytes.length) {
    try {
      at += writeSync(1, bytes, at, bytes.length - at)
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e
      Atomics.wait(pause, 0, 0, 5)
    }
  }
}

/** How often the main thread looks at the shared cells. */
const POLL_MS = 100

/** Runs `doc` in a worker thread (the module at `entry` serves it) and stops it if a code node runs for over 1 s. */
export function runWatched(doc: MeshDocument, format: Format, entry: URL, timeoutMs: number = WATCHDOG.timeoutMs, starvation?: number): Promise<WatchedOutcome> {
  const shared = new SharedArrayBuffer(CELLS * Int32Array.BYTES_PER_ELEMENT)
  const output = new SharedArrayBuffer(BLOCK)
  const cells = new Int32Array(shared)
  const input: WorkerInput = { mark: MARK, doc, format, starvation, shared, output }
  // Under tsx (npm run simulate) the worker needs tsx's loader for the .ts module too.
  const boot = entry.pathname.endsWith('.ts')
    ? `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}) })`
    : `import(${JSON.stringify(entry.href)})`
  const worker = new Worker(boot, { eval: true, workerData: input })
  return new Promise((resolve, reject) => {
    let beats = Atomics.load(cells, BEATS)
    let since = performance.now()
    let finished = false
    const finish = (outcome: WatchedOutcome | Error, closed = false) => {
      if (finished) return
      finished = true
      clearInterval(timer)
      void worker.terminate().then(() => {
        // The worker is gone: what it had not yet written is ours to write (unless stdout was closed on it).
        const filled = Atomics.load(cells, FILLED)
        try {
          if (!closed && filled > 0 && Atomics.load(cells, WRITING) === 0) writeAll(new Uint8Array(output, 0, filled))
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== 'EPIPE') throw e
        }
        if (outcome instanceof Error) reject(outcome)
        else resolve(outcome)
      })
    }
    const timer = setInterval(() => {
      const now = performance.now()
      const seen = Atomics.load(cells, BEATS)
      const running = Atomics.load(cells, RUNNING)
      if (seen !== beats || running === 0 || Atomics.load(cells, WRITING) === 1) {
        beats = seen
        since = now
        return
      }
      if (now - since < timeoutMs) return
      const tick = Atomics.load(cells, TICK)
      const node = running === COMPILING || running === DECIDING ? undefined : doc.nodes[running - 1]
      const who =
        running === DECIDING ? `the policy "${doc.policy?.name ?? ''}", deciding,` : node ? `code node "${node.label}" (${node.id})` : "a code node's code, while it was compiled,"
      finish({ warning: null, stop: null, stopped: `${who} ran for over ${timeoutMs / 1000} s at tick ${tick} (an infinite loop?), so the run was stopped there` })
    }, POLL_MS)
    worker.on('message', (message: WorkerOutput) => {
      if (message.type === 'epipe') finish({ warning: null, stop: null, stopped: null }, true)
      else finish({ warning: message.warning, stop: message.stop, stopped: null })
    })
    worker.on('error', (e) => finish(e))
    worker.on('exit', (code) => {
      // Ending with 0 and no word: stdout was closed on it (see out below).
      finish(code === 0 ? { warning: null, stop: null, stopped: null } : new Error(`the simulation's worker stopped with code ${code}`), code === 0)
    })
  })
}

/** Each decision of the policy marked in the shared cells, as a coroutine's resume is. */
function watchedPolicy(policy: Policy, cells: Int32Array): Policy {
  return (mesh) => {
    Atomics.store(cells, TICK, mesh.tick)
    Atomics.store(cells, RUNNING, DECIDING)
    Atomics.add(cells, BEATS, 1)
    try {
      return policy(mesh)
    } finally {
      Atomics.store(cells, RUNNING, 0)
      Atomics.add(cells, BEATS, 1)
    }
  }
}

/** Each resume of the coroutine marked in the shared cells: which node, at which tick, and that it came back. */
function watched(fn: Behaviour, cells: Int32Array, indexOf: (id: string) => number, tick: () => number): Behaviour {
  const around = <T>(at: number, step: () => T): T => {
    Atomics.store(cells, TICK, tick())
    Atomics.store(cells, RUNNING, at)
    Atomics.add(cells, BEATS, 1)
    try {
      return step()
    } finally {
      Atomics.store(cells, RUNNING, 0)
      Atomics.add(cells, BEATS, 1)
    }
  }
  return function* (ports, params, env) {
    const at = indexOf(env.id) + 1
    const inner = fn.call(this, ports, params, env)
    let result = around(at, () => inner.next())
    try {
      while (!result.done) {
        let sent
        try {
          sent = yield result.value
        } catch (e) {
          // A close (GeneratorExit) or a thrown item: the node's own code decides.
          result = around(at, () => inner.throw(e))
          continue
        }
        result = around(at, () => inner.next(sent))
      }
    } finally {
      if (!result.done) around(at, () => inner.return())
    }
    return result.value
  }
}

/** In the worker thread: runs the document it was given, if this worker is the simulator's. */
export function serveWatchedRun(simulate: Simulate): void {
  const input = workerData as WorkerInput | null
  if (!parentPort || input?.mark !== MARK) return
  const port = parentPort
  const cells = new Int32Array(input.shared)
  const ids = input.doc.nodes.map((n) => n.id)
  const index = new Map(ids.map((id, i) => [id, i]))
  let sim: Simulation | null = null
  const tick = () => sim?.tick ?? 0
  const compile: CodeCompiler = (source) => {
    const first = input.doc.nodes.findIndex((n) => n.code?.source === source)
    Atomics.store(cells, RUNNING, first >= 0 ? first + 1 : COMPILING)
    Atomics.add(cells, BEATS, 1)
    try {
      return watched(compileCoroutine(source), cells, (id) => index.get(id) ?? -1, tick)
    } finally {
      Atomics.store(cells, RUNNING, 0)
      Atomics.add(cells, BEATS, 1)
    }
  }
  const block = new Uint8Array(input.output)
  const encoder = new TextEncoder()
  const out = (bytes: Uint8Array) => {
    Atomics.store(cells, WRITING, 1)
    try {
      writeAll(bytes)
    } catch (e) {
      // Piped into `head`, stdout closes early: not an error, and the run has no one left to tell.
      if ((e as NodeJS.ErrnoException).code !== 'EPIPE') throw e
      port.postMessage({ type: 'epipe' } satisfies WorkerOutput)
      process.exit(0)
    } finally {
      Atomics.store(cells, WRITING, 0)
    }
  }
  const flush = () => {
    const filled = Atomics.load(cells, FILLED)
    if (filled === 0) return
    out(block.subarray(0, filled))
    Atomics.store(cells, FILLED, 0)
  }
  const write = (line: string) => {
    const text = line + '\n'
    // A UTF-16 unit takes at most 3 bytes of UTF-8.
    if (text.length * 3 > BLOCK - Atomics.load(cells, FILLED)) flush()
    if (text.length * 3 > BLOCK) return out(encoder.encode(text))
    const { written } = encoder.encodeInto(text, block.subarray(Atomics.load(cells, FILLED)))
    Atomics.add(cells, FILLED, written)
  }
  const policy: PolicyCompiler = (source) => watchedPolicy(compilePolicy(source), cells)
  const { warning, stop } = simulate(input.doc, input.format, write, compile, (started) => (sim = started), input.starvation, policy)
  flush()
  port.postMessage({ type: 'done', warning, stop } satisfies WorkerOutput)
}
