import { describe, expect, it } from 'vitest'

import part3Json from '../demos/part3-mesh.mesh.json'
import { meshDocument } from './testing'
import { lineageOfItem, lineageOfOutput, queuedItems, takenItem } from './lineage'
import { recordRun } from './run-record'
import { Timeline } from './timeline'
import type { TraceEvent } from './trace'
import { pyStr } from './value'

/** The seed's Part 3 mesh, as the demo has it. */
const part3Mesh = { document: meshDocument(part3Json) }

/** An independent account: replay the run traced, tagging each queued item with the activations it came through (queues are first in, first out). */
function taggedOutputs(events: readonly TraceEvent[]): string[][] {
  const queues = new Map<string, string[][]>()
  const queue = (node: string) => queues.get(node) ?? (queues.set(node, []), queues.get(node)!)
  let current: string[] = []
  const outputs: string[][] = []
  for (const e of events) {
    if (e.type === 'send') queue(e.node).push([])
    else if (e.type === 'activation') current = [...(queue(e.node).shift() ?? ['?']), `${e.node}@${e.tick}`]
    else if (e.type === 'emit') queue(e.to).push(current)
    else if (e.type === 'output') outputs.push(current)
  }
  return outputs
}

describe("a timeline's events at past ticks", () => {
  it('are the events the traced run made at those ticks, what was done by hand at them too, and the run is left where it was', () => {
    const events: TraceEvent[] = []
    const traced = new Timeline(part3Mesh.document, { trace: (e) => events.push(e), keyframeEvery: 4 })
    const timeline = new Timeline(part3Mesh.document, { keyframeEvery: 4 })
    for (const t of [traced, timeline]) {
      t.run(5)
      t.apply({ type: 'send', node: 'b', values: [5] })
      t.apply({ type: 'next', node: 'd' })
      t.run()
    }
    timeline.seek(9)
    const asked = [1, 5, 6, 7, 8, 13, 2, timeline.end, timeline.end + 5, 0, 1.5]
    const found = timeline.eventsAt(asked)
    expect([...found.keys()]).toEqual([1, 2, 5, 6, 7, 8, 13, timeline.end])
    for (const [tick, list] of found) expect(list, `tick ${tick}`).toEqual(events.filter((e) => e.tick === tick))
    // What was done by hand at tick 5 is of tick 5.
    expect(found.get(5)!.some((e) => e.type === 'send' && e.node === 'b')).toBe(true)
    expect(timeline.tick).toBe(9)
  })
})

describe('the lineage of an output', () => {
  it('agrees, for every output of the Part 3 mesh at seeds 1–50, with a traced replay that tags each item by where it came from', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const doc = { ...part3Mesh.document, seed }
      const events: TraceEvent[] = []
      const traced = new Timeline(doc, { trace: (e) => events.push(e) })
      traced.run()
      const expected = taggedOutputs(events)
      const timeline = new Timeline(doc)
      timeline.run()
      const { ledger } = recordRun(timeline.history())
      expect(ledger.outputs, `seed ${seed}`).toBe(expected.length)
      for (let k = 0; k < ledger.outputs; k++) {
        const lineage = lineageOfOutput(timeline, ledger, k)!
        expect(
          lineage.steps.map((s) => `${s.node}@${s.tick}`),
          `seed ${seed}, output ${k}`,
        ).toEqual(expected[k])
        expect(lineage.root).toBe('input')
        expect(lineage.rootTick).toBe(0)
        expect(lineage.printed?.node).toBe('s')
        // Each step's emit carried the value the next step took.
        for (let i = 0; i + 1 < lineage.steps.length; i++) expect(lineage.steps[i]!.emit?.value).toBe(lineage.steps[i + 1]!.value)
        expect(lineage.steps.at(-1)!.emit).toBeNull()
      }
      // The run is where it was.
      expect(timeline.tick).toBe(traced.tick)
    }
  })

  it("tells a branch's and a recycler's draws, and an item sent by hand", () => {
    const timeline = new Timeline(part3Mesh.document)
    timeline.run(3)
    timeline.apply({ type: 'send', node: 'b', values: [5] })
    timeline.run()
    const { ledger } = recordRun(timeline.history())
    const stories = Array.from({ length: ledger.outputs }, (_, k) => lineageOfOutput(timeline, ledger, k)!)
    const sent = stories.find((s) => s.root === 'send')!
    expect(sent.rootTick).toBe(3)
    expect(sent.steps[0]).toMatchObject({ node: 'b', value: 5 })
    const branch = stories.flatMap((s) => s.steps).find((s) => s.node === 'b')!
    expect(branch.draws.length).toBeGreaterThan(0)
    // While it waited in branch's queue, the item sent by hand tells its value.
    const waiting = queuedItems(ledger, 'b', 3).map((id) => lineageOfItem(timeline, ledger, id, { at: 3 })!)
    expect(waiting.find((s) => s.root === 'send')?.waiting).toEqual({ node: 'b', arrived: 3, value: 5 })
    expect(lineageOfOutput(timeline, ledger, ledger.outputs)).toBeNull()
    expect(lineageOfOutput(timeline, ledger, -1)).toBeNull()
    expect(lineageOfOutput(timeline, ledger, Number.NaN)).toBeNull()
  })
})

/** The same account for queued items: each queue after tick `tick`, head first, as the activations each item came through and its value. */
function taggedQueues(events: readonly TraceEvent[], tick: number): Map<string, { tag: string[]; value: string }[]> {
  const queues = new Map<string, { tag: string[]; value: string }[]>()
  const queue = (node: string) => queues.get(node) ?? (queues.set(node, []), queues.get(node)!)
  let current: string[] = []
  for (const e of events) {
    if (e.tick > tick) break
    if (e.type === 'send') queue(e.node).push({ tag: [], value: pyStr(e.value) })
    else if (e.type === 'activation') current = [...(queue(e.node).shift()?.tag ?? ['?']), `${e.node}@${e.tick}`]
    else if (e.type === 'emit') queue(e.to).push({ tag: current, value: pyStr(e.value) })
  }
  return queues
}

describe('the lineage of a queued item', () => {
  it('agrees, for every item queued in the Part 3 mesh after several ticks at seeds 1–20, with the tagged replay, and tells its value', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const doc = { ...part3Mesh.document, seed }
      const events: TraceEvent[] = []
      new Timeline(doc, { trace: (e) => events.push(e) }).run()
      const timeline = new Timeline(doc)
      timeline.run()
      const { ledger } = recordRun(timeline.history())
      const end = timeline.end
      let checked = 0
      for (const tick of [0, 1, 2, 5, 8, Math.floor(end / 2), end - 1]) {
        for (const [node, expected] of taggedQueues(events, tick)) {
          const ids = queuedItems(ledger, node, tick)
          expect(ids.length, `seed ${seed}, tick ${tick}, ${node}`).toBe(expected.length)
          ids.forEach((id, i) => {
            const lineage = lineageOfItem(timeline, ledger, id, { at: tick })!
            const where = `seed ${seed}, tick ${tick}, ${node}[${i}]`
            expect(
              lineage.steps.map((s) => `${s.node}@${s.tick}`),
              where,
            ).toEqual(expected[i]!.tag)
            expect(lineage.waiting, where).toMatchObject({ node })
            expect(pyStr(lineage.waiting!.value!), where).toBe(expected[i]!.value)
            expect(lineage.printed).toBeNull()
            checked++
          })
        }
      }
      expect(checked, `seed ${seed}`).toBeGreaterThan(0)
      expect(timeline.tick).toBe(end)
    }
  })

  it('tells the item an activation took, for every activation, as the story of the output it led to begins', () => {
    const timeline = new Timeline({ ...part3Mesh.document, seed: 7 })
    timeline.run()
    const { ledger } = recordRun(timeline.history())
    for (let k = 0; k < ledger.outputs; k++) {
      const output = lineageOfOutput(timeline, ledger, k)!
      for (const [i, step] of output.steps.entries()) {
        const item = takenItem(ledger, step.node, step.tick)
        expect(item).toBe(step.item)
        const story = lineageOfItem(timeline, ledger, item)!
        expect(story.steps.map((s) => s.item)).toEqual(output.steps.slice(0, i + 1).map((s) => s.item))
        expect(story.waiting).toBeNull()
      }
    }
    expect(takenItem(ledger, 'nobody', 3)).toBe(-1)
    expect(takenItem(ledger, 'constructor', 3)).toBe(-1)
    expect(queuedItems(ledger, '__proto__', 3)).toEqual([])
    expect(lineageOfItem(timeline, ledger, ledger.items)).toBeNull()
    expect(lineageOfItem(timeline, ledger, -1)).toBeNull()
  })
})
