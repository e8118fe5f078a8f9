/**
 * A run's state at a tick, to put it back there (time travel), and a look
 * at the node its next step would activate, which changes nothing.
 */
import type { Delivery } from './delivery'
import { LedgerQueue, type LedgerMark } from './item-ledger'
import type { Output } from './output-log'
import { Prng } from './prng'
import { createScheduler, type Scheduler, type SchedulerHost, type SchedulerState } from './schedulers'
import type { RunStats, Simulation } from './simulation'
import { Outcome } from './tasklet'
import type { StopReason } from './trace'
import type { Value } from './value'
import type { NodeRuntime, Rewired } from './wiring'

/** Everything needed to put a run back at a tick (for the built-in kinds, whose coroutines keep no state between items). */
export interface RunSnapshot {
  tick: number
  prng: number
  scheduler: SchedulerState
  /** `ids`: the queued items' ledger ids, when the run keeps an item ledger. */
  nodes: { id: string; queue: Value[]; ids?: number[]; closed: boolean; error: string | null; activations: number; lastRan: number; dropped: number; received: number }[]
  /** Where the run's item ledger stood, when it keeps one. */
  ledger?: LedgerMark
  outputs: Output[]
  stats: RunStats
  halt: StopReason | null
  haltDetail: string | null
  lastActive: string | null
  /** The wires code nodes had made and cut (see Simulation.mesh), when they had. */
  rewired?: Rewired
  /** What if: draws forced but not yet made (see Simulation.force), when there are. */
  forced?: [node: string, value: number][]
}

/** The run's state now; `scheduler` is the state of the scheduler driving it. */
export function takeSnapshot(run: Simulation, scheduler: SchedulerState): RunSnapshot {
  const ledger = run.ledger
  const rewired = run.saveRewired()
  return {
    tick: run.tick,
    prng: run.prng.state,
    scheduler,
    ...(ledger ? { ledger: ledger.mark() } : {}),
    nodes: run.order.map((n) => ({
      id: n.id,
      queue: n.tasklet.items.toArray(),
      ...(ledger ? { ids: idsOf(n) } : {}),
      closed: n.tasklet.closed,
      error: n.tasklet.error ? `${n.tasklet.error.name}: ${n.tasklet.error.message}` : null,
      activations: n.activations,
      lastRan: n.lastRan,
      dropped: n.dropped,
      received: n.received,
    })),
    outputs: run.outputs.toArray(),
    stats: { ...run.stats },
    halt: run.halt,
    haltDetail: run.haltDetail,
    lastActive: run.lastActive,
    ...(rewired.length > 0 ? { rewired } : {}),
    ...(run.forced.size > 0 ? { forced: [...run.forced] } : {}),
  }
}

/** Puts a run back as it was at a snapshot taken with the same document; returns the scheduler to drive it on with. */
export function restoreSnapshot(run: Simulation, delivery: Delivery, snapshot: RunSnapshot): Scheduler {
  run.tick = snapshot.tick
  run.prng.state = snapshot.prng
  const { activations: _activations, emitted, ...counts } = snapshot.stats
  delivery.restore(emitted, counts)
  run.halt = snapshot.halt
  run.haltDetail = snapshot.haltDetail
  run.lastActive = snapshot.lastActive
  run.outputs.clear()
  run.forced.clear()
  for (const [node, value] of snapshot.forced ?? []) run.forced.set(node, value)
  for (const output of snapshot.outputs) run.outputs.push(output.tick, output.node, output.value)
  for (const saved of snapshot.nodes) {
    const node = run.nodes.get(saved.id)
    if (!node) continue
    const tasklet = node.tasklet
    tasklet.restart()
    if (run.ledger) ledgerQueueOf(node).load(saved.queue, saved.ids ?? [])
    else for (const item of saved.queue) tasklet.items.push(item)
    if (saved.closed) tasklet.close()
    if (saved.error) {
      const [name, ...rest] = saved.error.split(': ')
      tasklet.error = Object.assign(new Error(rest.join(': ')), { name })
    }
    node.activations = saved.activations
    node.lastRan = saved.lastRan
    node.dropped = saved.dropped
    node.received = saved.received
  }
  if (run.ledger) {
    if (!snapshot.ledger) throw new Error('a run with an item ledger restores only a snapshot taken with one')
    run.ledger.rewind(snapshot.ledger)
  }
  const scheduler = createScheduler(run.document.scheduler, run.document.mode, run.policyProgram())
  scheduler.load(snapshot.scheduler, (id) => run.nodes.get(id))
  return scheduler
}

/** The next step, looked at: the node it would activate (null: none), and the stop a written policy would come to instead. */
export interface Peek {
  next: string | null
  /** Why the written policy would stop the run at the next step (its decision is not one, or it cannot run; by hand, the person's turn), or null. */
  halt: { reason: 'policy' | 'pick'; detail: string } | null
}

const NO_PEEK: Peek = { next: null, halt: null }

/**
 * The node the next step would activate, or null when the scheduler's call
 * would end (or a limit stop it) — found by a dry run of a copy of the
 * scheduler, with a copy of the random generator: nothing here changes. A
 * written policy is asked, as the step will ask it (it keeps nothing
 * between decisions, so asking twice is asking once).
 */
export function peek(run: Simulation, scheduler: Scheduler): Peek {
  if (run.tick >= run.limits.maxActivations && run.queued() > 0) return NO_PEEK
  const dry = createScheduler(scheduler.kind, scheduler.mode, run.policyProgram())
  dry.load(scheduler.save(), (id) => run.nodes.get(id))
  const prng = new Prng(0)
  prng.state = run.prng.state
  let chosen: string | null = null
  let halt: Peek['halt'] = null
  const host: SchedulerHost<NodeRuntime> = {
    order: run.order,
    tick: run.tick,
    tracing: false,
    traceQueueItems: 0,
    get halt() {
      return halt ? halt.reason : null
    },
    prng,
    activate: (node) => {
      chosen = node.id
      return Outcome.Processed
    },
    // The item ledger's arrivals, where the run keeps them: the policy is shown the same head ages as the step will show it.
    ledger: run.ledger,
    headArrival: (node) => run.headArrival(node),
    priorityOf: (node) => (typeof node.priority === 'number' ? node.priority : prng.randint(node.priority.random[0], node.priority.random[1])),
    policyRandom: (lo, hi) => (lo !== undefined && hi !== undefined ? prng.randint(lo, hi) : prng.random()),
    stop: (reason, detail) => {
      if (reason === 'policy' || reason === 'pick') halt = { reason, detail }
    },
    emit: () => {},
  }
  const next = dry.step(host) ? chosen : null
  return halt ? { next: null, halt } : next === null ? NO_PEEK : { next, halt: null }
}

function ledgerQueueOf(node: NodeRuntime): LedgerQueue {
  const queue = node.tasklet.items
  if (!(queue instanceof LedgerQueue)) throw new Error(`${node.label}'s queue keeps no item ledger`)
  return queue
}

function idsOf(node: NodeRuntime): number[] {
  return ledgerQueueOf(node).idList()
}
