import { describe, expect, it } from 'vitest'

import { lineageOfItem, lineageOfOutput, queuedItems, Timeline, type ItemLedgerData, type Lineage, type TimelineHistory } from '../engine'
import { LINEAGE_LOST } from '../sandbox/client'
import type { FakeWorker } from '../sandbox/fake-worker'
import { MAX_LINEAGE_EVENTS } from '../sandbox/protocol'
import type { MeshStore } from './mesh-store'
import { codeBranch, PLUS_ONE, plusOne, sandboxStore, settle } from './sandbox-testing'

/** The engine's own Timeline of `history`, its code compiled as the sandbox's is, at its end. */
function engineTimeline(history: TimelineHistory): Timeline {
  const timeline = Timeline.replaying(history, { compile: plusOne })
  timeline.seek(timeline.end)
  return timeline
}

async function inSandbox(values: number[], workers?: FakeWorker[]): Promise<MeshStore> {
  const store = sandboxStore(codeBranch(values, { rand: 'c', seed: 7 }), { watchdogMs: 1000, workers })
  store.getState().trustCode([PLUS_ONE])
  await settle(store)
  return store
}

async function recorded(store: MeshStore): Promise<ItemLedgerData> {
  const { ledger } = await store.getState().recordRun()
  return ledger
}

describe('lineage of a run in the sandbox', () => {
  it("tells every output's story as the engine does on a Timeline of the same history with the same code", async () => {
    const store = await inSandbox([1, 2, 3, 4, 5, 6])
    store.getState().runToEnd()
    await settle(store)
    expect(store.getState().runWhere()).toBe('sandbox')
    const ledger = await recorded(store)
    const engine = engineTimeline(store.getState().runHistory())
    expect(ledger.outputs).toBeGreaterThan(3)
    let drew = 0
    for (let output = 0; output < ledger.outputs; output++) {
      const told = store.getState().outputLineage(ledger, ledger.nodes[ledger.outputNode[output]!]!, ledger.outputTick[output]!)
      // The sandbox's story comes later: a promise.
      expect(told).toBeInstanceOf(Promise)
      const lineage = (await told) as Lineage
      expect(lineage).toEqual(lineageOfOutput(engine, ledger, output))
      expect(lineage.steps.map((s) => s.node).slice(0, 2)).toEqual(['a', 'c'])
      expect(lineage.printed?.value).toBe(lineage.steps.at(-2)!.emit!.value)
      drew += lineage.steps.filter((s) => s.draws.length > 0).length
    }
    // The branch's draws are told as the run made them (the replay drew from its own generator, as the run's).
    expect(drew).toBeGreaterThan(0)
    store.getState().reset()
  })

  it("tells a queued item's story, and a taken one's, as the engine does", async () => {
    const store = await inSandbox([1, 2, 3, 4, 5, 6])
    for (let i = 0; i < 14; i++) {
      store.getState().step()
      await settle(store)
    }
    const tick = store.getState().run.tick
    expect(tick).toBe(14)
    const ledger = await recorded(store)
    const engine = engineTimeline(store.getState().runHistory())
    let told = 0
    for (const node of ['c', 'b', 's']) {
      const head = store.getState().run.nodes[node]!.head
      const ids = queuedItems(ledger, node, tick)
      for (let index = 0; index < Math.min(head.length, ids.length); index++) {
        const lineage = (await store.getState().queuedItemLineage(ledger, node, index, tick, head[index]!)) as Lineage
        expect(lineage).toEqual(lineageOfItem(engine, ledger, ids[index]!, { at: tick }))
        expect(lineage.waiting?.node).toBe(node)
        if (lineage.steps.length > 0) told++
      }
    }
    expect(told).toBeGreaterThan(0)
    // An item the branch took: its activation's story, as the engine tells it.
    const byBranch = Array.from({ length: ledger.items }, (_, id) => id).find((id) => ledger.nodes[ledger.node[id]!] === 'b' && ledger.taken[id]! >= 0)!
    const at = ledger.taken[byBranch]!
    const taken = (await store.getState().takenItemLineage(ledger, 'b', at)) as Lineage
    expect(taken).toEqual(lineageOfItem(engine, ledger, byBranch))
    expect(taken.steps.at(-1)).toMatchObject({ node: 'b', tick: at })
    expect(store.getState().takenItemLineage(ledger, 'a', at)).toMatch(/took no item/)
    store.getState().reset()
  })

  it('says why a story cannot be told when the worker forges its events or sends too many, and the page goes on', async () => {
    const workers: FakeWorker[] = []
    const store = await inSandbox([1, 2, 3], workers)
    store.getState().runToEnd()
    await settle(store)
    const ledger = await recorded(store)
    const sink = ledger.nodes[ledger.outputNode[0]!]!
    const tick = ledger.outputTick[0]!
    const good = (await store.getState().outputLineage(ledger, sink, tick)) as Lineage
    const worker = workers.at(-1)!
    worker.hung = true
    const forge = async (lineage: unknown) => {
      const told = store.getState().outputLineage(ledger, sink, tick)
      await new Promise((resolve) => setTimeout(resolve, 20))
      const request = worker.received.at(-1)!
      expect(request.type).toBe('lineage')
      worker.forge({ kind: 'reply', id: request.id, ok: true, result: { view: store.getState().run, steps: 0, stop: null, events: [], eventsDropped: 0, lineage } })
      return told
    }
    const elsewhere = { type: 'output', tick: tick + 1, node: sink, value: 'forged' }
    expect(await forge({ done: true, events: [elsewhere] })).toMatch(
      /^Where it came from could not be told: the sandbox sent a lineage that does not fit the run: it has an event at tick \d+, which was not asked for/,
    )
    const first = good.steps[0]!.tick
    const backwards = [
      { type: 'output', tick, node: sink, value: 1 },
      { type: 'activation', tick: first, node: 'a', item: 1 },
    ]
    expect(await forge({ done: true, events: backwards })).toMatch(/its events go back from tick/)
    expect(await forge({ done: false, progress: 5, goal: 3 })).toMatch(/did not move on/)
    // A reply of the wrong shape, or with too many events, is dropped by the protocol: the watchdog takes the worker for hung, and the story is given up.
    const huge = Array.from({ length: MAX_LINEAGE_EVENTS + 1 }, () => ({ type: 'activation', tick, node: sink, item: 1 }))
    expect(await forge({ done: true, events: huge })).toBe(`Where it came from could not be told: ${LINEAGE_LOST}.`)
    await settle(store)
    // The page goes on, and the new worker tells the story again.
    expect(await store.getState().outputLineage(ledger, sink, tick)).toEqual(good)
    store.getState().reset()
  })
})
