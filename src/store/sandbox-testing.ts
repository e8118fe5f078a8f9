/** Helpers for tests of a store whose code nodes run in a stand-in for the sandbox worker (fake-worker.ts). */
import type { Behaviour, MeshDocument, Value } from '../engine'
import { meshDocument } from '../engine/testing'
import { ManualClock } from '../runner/clock'
import { SandboxClient } from '../sandbox/client'
import { SandboxComparison } from '../sandbox/compare-client'
import { FakeWorker } from '../sandbox/fake-worker'
import { createMeshStore, type MeshStore, type MeshStoreInit } from './mesh-store'

const clients = new WeakMap<MeshStore, { pending: number }[]>()

export interface SandboxStoreInit extends Omit<MeshStoreInit, 'sandbox' | 'compareSandbox' | 'document'> {
  /** How long the fake workers may take to answer before the watchdog calls them hung (short, for tests of hangs; long, where a loaded machine must not look like a hang). */
  watchdogMs?: number
  /** Each fake worker made is pushed here (a test forges its replies). */
  workers?: FakeWorker[]
}

/** A store whose sandbox clients (the run's, a comparison's) talk to fake workers, each watched for `settle`. */
export function sandboxStore(document?: MeshDocument, { watchdogMs = 100, workers, ...init }: SandboxStoreInit = {}): MeshStore {
  const made: { pending: number }[] = []
  const timeouts = { timeoutMs: watchdogMs, stepDeadlineMs: watchdogMs }
  const store = createMeshStore({
    clock: new ManualClock(),
    ...init,
    document,
    sandbox: () => {
      const client = new SandboxClient({
        createWorker: () => {
          const worker = new FakeWorker()
          workers?.push(worker)
          return worker
        },
        ...timeouts,
      })
      made.push(client)
      return client
    },
    compareSandbox: () => {
      const comparison = new SandboxComparison({ createWorker: () => new FakeWorker(), ...timeouts })
      made.push(comparison)
      return comparison
    },
  })
  clients.set(store, made)
  return store
}

/** Requests the store's sandbox clients have sent and not yet had answered (none for a store made otherwise). */
export function requestsOut(store: MeshStore): number {
  return (clients.get(store) ?? []).reduce((sum, c) => sum + c.pending, 0)
}

/** Waits until the sandbox has answered everything asked of it, and the run is not moving. */
export async function settle(store: MeshStore): Promise<void> {
  const quiet = () => {
    const { player, comparison } = store.getState()
    return player.activity === 'paused' && !comparison?.running && requestsOut(store) === 0
  }
  for (let i = 0; i < 400; i++) {
    await new Promise((resolve) => setTimeout(resolve, 5))
    if (quiet()) {
      await new Promise((resolve) => setTimeout(resolve, 5))
      if (quiet()) return
    }
  }
  throw new Error('the sandbox did not settle')
}

/** start → a code node `c` (`label`, one port `out`) → sink `s`, with `values` queued on start. */
export function codeChain(source: string, label: string, values: Value[]): MeshDocument {
  return meshDocument({
    nodes: [
      { id: 'a', kind: 'start' },
      { id: 'c', kind: 'code', label, code: { source, ports: ['out'] } },
      { id: 's', kind: 'sink' },
    ],
    edges: [
      { source: 'a', port: 'target', target: 'c' },
      { source: 'c', port: 'out', target: 's' },
    ],
    inputs: [{ node: 'a', values }],
  })
}

/** Adds one (start's even items turn odd, for the branch to draw), in the sandbox; `plusOne` written out for the engine. */
export const PLUS_ONE = `function* (ports) {
  while (true) ports.out.send((yield) + 1)
}`
export const plusOne = () =>
  function* (ports: Parameters<Behaviour>[0]) {
    for (;;) ports.out!.send(((yield) as number) + 1)
  }

/** start → a code node that adds one → branch → sink, the branch drawing for each odd item; its `rand` port goes to `rand` (the sink, or back to the code node). */
export function codeBranch(values: number[], { rand = 's', seed }: { rand?: 's' | 'c'; seed?: number } = {}): MeshDocument {
  return meshDocument({
    nodes: [
      { id: 'a', kind: 'start' },
      { id: 'c', kind: 'code', label: 'plus one', code: { source: PLUS_ONE, ports: ['out'] } },
      { id: 'b', kind: 'branch' },
      { id: 's', kind: 'sink' },
    ],
    edges: [
      { source: 'a', port: 'target', target: 'c' },
      { source: 'c', port: 'out', target: 'b' },
      { source: 'b', port: 'left', target: 's' },
      { source: 'b', port: 'right', target: 's' },
      { source: 'b', port: 'rand', target: rand },
    ],
    inputs: [{ node: 'a', values }],
    ...(seed === undefined ? {} : { seed }),
  })
}
