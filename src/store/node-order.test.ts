import { describe, expect, it } from 'vitest'
import { seedLines, Timeline, type MeshDocument, type RunAction } from '../engine'
import { findDemo, showing } from '../demos'
import { changesNodes, changesRun } from '../runner/run-document'
import { moveNodeInOrder } from './document-edits'
import { createMeshStore } from './mesh-store'

const seed = findDemo('part3-mesh')!.document
const SEED_ORDER = ['s', 'd', 't', 'b', 'a', 'r']
/** The seed's second call: 10 and 11 sent to start after the first run ends (as the demo's lesson does). */
const SECOND_SEND: RunAction = { type: 'send', node: 'a', values: [10, 11] }
const SEED_OUTPUTS = ['2x2', '2x4', '3x1', '3x3', '11', '2x12'].map((item) => `Sink got: ${item}`)

/** The Part 3 mesh with its nodes in another order, as a person adding them by hand might have. */
function builtInOrder(ids: readonly string[]): MeshDocument {
  return { ...seed, nodes: ids.map((id) => seed.nodes.find((n) => n.id === id)!) }
}

function runToEnd(doc: MeshDocument): { outputs: readonly string[]; trace: string[] } {
  const timeline = new Timeline(doc)
  const trace: string[] = []
  const label = (id: string) => doc.nodes.find((n) => n.id === id)?.label ?? id
  timeline.setTrace((event) => trace.push(...seedLines(event, label)))
  timeline.run()
  timeline.apply(SECOND_SEND)
  timeline.run()
  return { outputs: showing(timeline).outputs, trace }
}

describe('the node order is the scheduler order', () => {
  it('the seed document is in the seed order and prints its lines', () => {
    expect(seed.nodes.map((n) => n.id)).toEqual(SEED_ORDER)
    expect(runToEnd(seed).outputs).toEqual(SEED_OUTPUTS)
  })

  it("a Part 3 mesh built in another order prints 2x12 before 11; moved to the seed's [s, d, t, b, a, r] it prints the seed's lines exactly", () => {
    let doc = builtInOrder(['s', 'd', 't', 'r', 'b', 'a'])
    expect(runToEnd(doc).outputs.slice(4)).toEqual(['Sink got: 2x12', 'Sink got: 11'])
    doc = moveNodeInOrder(doc, 'r', 5)
    expect(doc.nodes.map((n) => n.id)).toEqual(SEED_ORDER)
    expect(runToEnd(doc)).toEqual(runToEnd(seed))
  })

  it('a reorder keeps ids, wires and inputs, changes the run but adds or deletes no node', () => {
    const doc = builtInOrder(['s', 'd', 't', 'r', 'b', 'a'])
    const moved = moveNodeInOrder(doc, 'r', 5)
    expect(moved.edges).toBe(doc.edges)
    expect(moved.inputs).toBe(doc.inputs)
    expect(changesRun(doc, moved)).toBe(true)
    expect(changesNodes(doc, moved)).toBe(false)
  })

  it('clamps the place and ignores unknown or hostile ids and places', () => {
    expect(moveNodeInOrder(seed, 'r', 99).nodes.map((n) => n.id)).toEqual(SEED_ORDER)
    expect(moveNodeInOrder(seed, 's', -5)).toBe(seed)
    expect(moveNodeInOrder(seed, '__proto__', 0)).toBe(seed)
    expect(moveNodeInOrder(seed, 'constructor', 0)).toBe(seed)
    expect(moveNodeInOrder(seed, 'd', Number.NaN)).toBe(seed)
    expect(moveNodeInOrder(seed, 'r', 0).nodes.map((n) => n.id)).toEqual(['r', ...SEED_ORDER.slice(0, 5)])
  })

  it('reordered mid-run, the scheduler takes the new order from its next decision, and the run replays the same', () => {
    const doc = builtInOrder(['s', 'd', 't', 'r', 'b', 'a'])
    const timeline = new Timeline(doc)
    timeline.run()
    const before = showing(timeline).outputs
    const tick = timeline.sim.tick
    timeline.apply({ type: 'update', document: moveNodeInOrder(doc, 'r', 5) })
    timeline.apply(SECOND_SEND)
    timeline.run()
    const live = showing(timeline).outputs
    expect(live).toEqual(SEED_OUTPUTS)
    expect(before).toEqual(SEED_OUTPUTS.slice(0, 4))
    timeline.seek(0)
    timeline.seek(timeline.end)
    expect(showing(timeline).outputs).toEqual(live)
    expect(tick).toBeGreaterThan(0)
  })

  it('in the store, a reorder is one undoable edit', () => {
    const store = createMeshStore({ document: builtInOrder(['s', 'd', 't', 'r', 'b', 'a']) })
    store.getState().moveNodeInOrder('r', 5)
    expect(store.getState().document.nodes.map((n) => n.id)).toEqual(SEED_ORDER)
    expect(store.temporal.getState().pastStates).toHaveLength(1)
    store.getState().undo()
    expect(store.getState().document.nodes.map((n) => n.id)).toEqual(['s', 'd', 't', 'r', 'b', 'a'])
  })
})
