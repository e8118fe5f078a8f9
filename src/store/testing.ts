/** Helpers for tests: localStorage in memory, and what the store shows of the run beside what the engine makes of it. */
import { showing } from '../demos/lesson'
import { pyStr, type Timeline, type Value } from '../engine'
import { HEAD_ITEMS } from '../engine/run-view'
import type { MeshStore } from './mesh-store'

/** The run as a person sees it, in the terms of the demos' `showing`: the tick, what the sinks got in order, and each queue's length, first items and error. */
export interface ShownRun {
  tick: number
  outputs: string[]
  queues: Record<string, { length: number; head: readonly Value[]; error: string | null }>
}

/** What the store shows of the run. */
export function shownRun(store: MeshStore): ShownRun {
  const { run } = store.getState()
  const outputs = Object.values(run.outputs)
    .flat()
    .sort((a, b) => a.tick - b.tick)
    .map((o) => `Sink got: ${pyStr(o.value)}`)
  const queues = Object.fromEntries(Object.entries(run.nodes).map(([id, view]) => [id, { length: view.queueLength, head: view.head, error: view.error }]))
  return { tick: run.tick, outputs, queues }
}

/** Part 3 explored by hand (the recording's and the link's tests): steps, a send, a Tasklet call, an edit of the mode, more steps, to the end, then back to tick 6. */
export function explore(store: MeshStore): void {
  const s = store.getState
  for (let i = 0; i < 3; i++) s().step()
  s().send('a', [7, 'x'])
  s().step()
  s().taskletAction('clear', 'b')
  s().step()
  s().setScheduler('taskmaster', 'next')
  for (let i = 0; i < 4; i++) s().step()
  s().runToEnd()
  s().seek(6)
}

/** The same of a Timeline the engine ran by itself: what the store should show. */
export function shownTimeline(timeline: Timeline): ShownRun {
  const now = showing(timeline)
  const queues = Object.fromEntries(
    timeline.sim.order.map(({ id, tasklet }) => {
      const items = now.queues[id]!
      return [id, { length: items.length, head: items.slice(0, HEAD_ITEMS), error: tasklet.error ? `${tasklet.error.name}: ${tasklet.error.message}` : null }]
    }),
  )
  return { tick: now.tick, outputs: now.outputs, queues }
}

/** localStorage as the browser has it, in memory; `failWrites` makes it refuse like a full one. */
export class MemoryStorage implements Storage {
  private items = new Map<string, string>()
  failWrites = false
  get length() {
    return this.items.size
  }
  clear() {
    this.items.clear()
  }
  getItem(key: string) {
    return this.items.get(key) ?? null
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null
  }
  removeItem(key: string) {
    this.items.delete(key)
  }
  setItem(key: string, value: string) {
    if (this.failWrites) throw new Error('QuotaExceededError')
    this.items.set(key, value)
  }
}
