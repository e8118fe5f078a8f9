import { describe, expect, it } from 'vitest'

import part3Json from '../demos/part3-mesh.mesh.json'
import { parseDocument, type Lineage, type MeshDocument } from '../engine'
import { ManualClock } from '../runner/clock'
import { createMeshStore } from './mesh-store'
import { stepsText } from './lineage-slice'

function part3(): MeshDocument {
  const parsed = parseDocument(part3Json)
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'))
  return parsed.document
}

async function ranToEnd(seed?: number) {
  const clock = new ManualClock()
  const store = createMeshStore({ document: seed === undefined ? part3() : { ...part3(), seed }, clock, sandbox: null, compareSandbox: null })
  store.getState().runToEnd()
  while (clock.pendingTasks > 0) clock.runTasks()
  const record = store.getState().recordRun()
  // The replay goes in the clock's slices: run them until it is done.
  let done = false
  void record.then(() => (done = true))
  while (!done) {
    while (clock.pendingTasks > 0) clock.runTasks()
    await new Promise((resolve) => setTimeout(resolve, 0))
  }
  const { ledger } = await record
  const edge = (source: string, port: string, target: string) => store.getState().document.edges.find((e) => e.source === source && e.port === port && e.target === target)!.id
  return { store, ledger, edge }
}

describe('the path a lineage story lights', () => {
  it("numbers the cards of the Part 3 chain to the sink's print at tick 13 in order and lights the wires its emits went along", async () => {
    const { store, ledger, edge } = await ranToEnd()
    store.getState().showStory({ kind: 'output', node: 's', tick: 13 })
    expect(store.getState().lineageShown).toBeNull()
    const lineage = store.getState().outputLineage(ledger, 's', 13) as Lineage
    expect(lineage.steps.map((s) => s.node)).toEqual(['a', 'b', 'd', 's'])
    store.getState().lightLineage(lineage)
    const lit = store.getState().lineageShown!
    expect(Object.fromEntries(lit.numbers)).toEqual({ a: [1], b: [2], d: [3], s: [4] })
    expect(Object.fromEntries(lit.edges)).toEqual({ [edge('a', 'target', 'b')]: [1], [edge('b', 'left', 'd')]: [2], [edge('d', 'target', 's')]: [3] })
    // Closing the story puts the canvas back.
    store.getState().showStory(null)
    expect(store.getState().lineageShown).toBeNull()
    expect(store.getState().story).toBeNull()
  })

  it('gives a card the chain went through twice (recycler back to start) both its numbers, and its wires each their step', async () => {
    // At seed 2 the last output went round through the recycler back to start.
    const { store, ledger, edge } = await ranToEnd(2)
    const outputs = store.getState().run.outputs.s!
    const cycled = outputs.map((o) => store.getState().outputLineage(ledger, 's', o.tick) as Lineage).find((l) => l.steps.filter((s) => s.node === 'a').length > 1)!
    expect(cycled).toBeDefined()
    store.getState().showStory({ kind: 'output', node: 's', tick: cycled.printed!.tick })
    store.getState().lightLineage(cycled)
    const lit = store.getState().lineageShown!
    const starts = cycled.steps.flatMap((s, i) => (s.node === 'a' ? [i + 1] : []))
    expect(lit.numbers.get('a')).toEqual(starts)
    expect(lit.edges.get(edge('r', 'beginning', 'a'))).toEqual(cycled.steps.flatMap((s, i) => (s.node === 'r' && s.emit?.to === 'a' ? [i + 1] : [])))
    expect(stepsText(starts)).toMatch(/^Steps \d+(, \d+)* and \d+ of the story$/)
    expect(stepsText([3])).toBe('Step 3 of the story')
  })

  it("tells a queued item's story only when the record's item there is the one the queue shows, and closes with the mesh", async () => {
    const { store, ledger } = await ranToEnd()
    store.getState().seek(3)
    const { head } = store.getState().run.nodes.b!
    expect(head.length).toBeGreaterThan(0)
    const told = store.getState().queuedItemLineage(ledger, 'b', 0, 3, head[0]!) as Lineage
    expect(told.waiting).toMatchObject({ node: 'b', value: head[0] })
    expect(store.getState().queuedItemLineage(ledger, 'b', 0, 3, 'not this')).toMatch(/reordered by hand/)
    expect(store.getState().queuedItemLineage(ledger, 'b', 99, 3, 1)).toMatch(/not in the run's record/)
    expect(store.getState().takenItemLineage(ledger, 'constructor', 3)).toMatch(/took no item/)
    store.getState().showStory({ kind: 'queued', node: 'b', index: 0, tick: 3, value: head[0]! })
    store.getState().lightLineage(told)
    expect(store.getState().lineageShown).not.toBeNull()
    store.getState().setSeed(store.getState().document.seed + 1)
    expect(store.getState().story).toBeNull()
    expect(store.getState().lineageShown).toBeNull()
  })
})
