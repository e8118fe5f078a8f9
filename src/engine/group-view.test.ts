import { describe, expect, it } from 'vitest'

import part3Json from '../demos/part3-mesh.mesh.json'
import { parseDocument, type MeshDocument } from './document'
import { readRun, shareRun, type RunView } from './run-view'
import { Timeline } from './timeline'

const base = { format: 'mesh-playground', version: 2 }

function load(json: object): MeshDocument {
  const parsed = parseDocument(json)
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'))
  return parsed.document
}

/** The seed's Part 3 mesh inside group `g`, one inner step per item it takes (call "next"), its sink's output out to a sink outside. */
function part3Grouped(call: 'next' | 'flush' = 'next', group = 'g', sink = 's'): MeshDocument {
  const nodes = part3Json.nodes.map((n) => (n.id === 's' ? { ...n, id: sink } : n))
  const edges = part3Json.edges.map((e) => (e.target === 's' ? { ...e, target: sink } : e))
  return load({
    ...base,
    seed: 7,
    nodes: [
      { id: group, kind: 'group', group: { nodes, edges, input: 'a', call, outputs: [{ port: 'out', node: sink }] } },
      { id: 'out', kind: 'sink' },
    ],
    edges: [{ source: group, port: 'out', target: 'out' }],
    inputs: [{ node: group, values: [0, 1, 2, 3] }],
  })
}

/** A chain start → doubler → sink three groups deep: `g` holds `h`, which holds `k`, which holds the chain. */
function nested(): MeshDocument {
  const chain = {
    nodes: [
      { id: 'a', kind: 'start' },
      { id: 'd', kind: 'doubler' },
      { id: 's', kind: 'sink' },
    ],
    edges: [
      { source: 'a', port: 'target', target: 'd' },
      { source: 'd', port: 'target', target: 's' },
    ],
    inputs: [{ node: 'd', values: [5] }],
    input: 'a',
    outputs: [{ port: 'out', node: 's' }],
  }
  const wrap = (id: string, inside: object) => ({
    nodes: [
      { id, kind: 'group', group: inside },
      { id: 's', kind: 'sink' },
    ],
    edges: [{ source: id, port: 'out', target: 's' }],
    input: id,
    outputs: [{ port: 'out', node: 's' }],
  })
  const h = wrap('k', chain)
  const g = wrap('h', h)
  return load({ ...base, nodes: [{ id: 'g', kind: 'group', group: g }], inputs: [{ node: 'g', values: [1, 2] }] })
}

describe('the run view of a group node: its inside', () => {
  it('shows the inside before the group first runs it: its own scheduler, nothing run, its own inputs queued', () => {
    const timeline = new Timeline(nested())
    const view = readRun(timeline)
    const g = view.groups.g!
    expect(g).toMatchObject({ tick: 0, status: 'idle', nextUp: null })
    expect(g.schedulerView.kind).toBe('taskmaster')
    expect(Object.keys(g.nodes)).toEqual(['h', 's'])
    // Three deep: the innermost inside has its own input queued as it will be when it starts.
    const k = g.groups.h!.groups.k!
    expect(k.nodes.d).toMatchObject({ queueLength: 1, head: [5], activations: 0 })
    expect(k).toMatchObject({ tick: 0, status: 'ready', nextUp: 'd' })
    expect(k.groups).toEqual({})
  })

  it('follows the inner run as the outer one steps: the inner tick, queues, next-up and sink output, nested too', () => {
    const timeline = new Timeline(nested())
    timeline.step()
    const k = readRun(timeline).groups.g!.groups.h!.groups.k!
    expect(k.tick).toBeGreaterThan(0)
    expect(k.nodes.s!.received).toBe(2)
    expect(k.outputs.s!.map((o) => o.value)).toEqual(['2x5', expect.stringMatching(/^2x/)])
    expect(readRun(timeline).groups.g!.nodes.s!.received).toBe(2)
  })

  it('is exact after going back: the inside at a tick reached by seeking equals the inside stepped to, at every tick', () => {
    const timeline = new Timeline(part3Grouped('next'))
    const stepped: RunView['groups'][] = [readRun(timeline).groups]
    while (timeline.step()) stepped.push(readRun(timeline).groups)
    // One inner step per item (four of them): the inner ticks count 1, 2, 3, 4 as the outer run steps.
    expect(stepped.map((groups) => groups.g!.tick)).toEqual([0, 1, 2, 3, 4])
    for (let tick = stepped.length - 1; tick >= 0; tick--) {
      timeline.seek(tick)
      expect(readRun(timeline).groups, `tick ${tick}`).toEqual(stepped[tick])
    }
    // Back to the start, then forward again past where it was: the same insides.
    timeline.reset()
    for (let tick = 1; tick < stepped.length; tick++) {
      timeline.step()
      expect(readRun(timeline).groups).toEqual(stepped[tick])
    }
  })

  it('reuses the previous inside, and each of its parts, where nothing changed', () => {
    const timeline = new Timeline(part3Grouped('next'))
    timeline.step()
    const first = readRun(timeline)
    const again = readRun(timeline, first)
    expect(again.groups).toBe(first.groups)
    expect(again.groups.g).toBe(first.groups.g)
    timeline.step()
    const next = readRun(timeline, again)
    expect(next.groups.g).not.toBe(again.groups.g)
    expect(next.groups.g!.tick).toBe(2)
    // The sink inside had nothing yet at either tick: its card's view is the same object.
    expect(next.groups.g!.nodes.s).toBe(again.groups.g!.nodes.s)
  })

  it('keeps ids like __proto__ and constructor as the ids they are, inside and out', () => {
    const timeline = new Timeline(part3Grouped('flush', 'constructor', '__proto__'))
    timeline.step()
    const view = readRun(timeline)
    expect(Object.keys(view.groups)).toEqual(['constructor'])
    const inside = view.groups['constructor' as string]!
    expect(Object.hasOwn(inside.nodes, '__proto__')).toBe(true)
    expect(inside.nodes['__proto__']!.received).toBe(1)
    expect(inside.outputs['__proto__']!).toHaveLength(1)
    expect(Object.getPrototypeOf(inside.nodes)).toBe(null)
  })

  it('shares a view that came through postMessage with the previous one, inside groups too', () => {
    const timeline = new Timeline(part3Grouped('next'))
    timeline.step()
    const first = shareRun(structuredClone(readRun(timeline)), null)
    expect(Object.getPrototypeOf(first.groups)).toBe(null)
    expect(Object.getPrototypeOf(first.groups.g!.nodes)).toBe(null)
    const again = shareRun(structuredClone(readRun(timeline)), first)
    expect(again.groups).toBe(first.groups)
    timeline.step()
    const next = shareRun(structuredClone(readRun(timeline)), again)
    expect(next.groups.g).not.toBe(again.groups.g)
    expect(next.groups.g!.nodes.s).toBe(again.groups.g!.nodes.s)
    expect(next.groups.g).toEqual(readRun(timeline).groups.g)
  })

  it('keeps the inner run when only cards inside are moved, and starts it afresh when the inside is edited otherwise', () => {
    const document = part3Grouped('next')
    const timeline = new Timeline(document)
    timeline.step()
    timeline.step()
    const move = (doc: MeshDocument, x: number): MeshDocument => {
      const g = doc.nodes[0]!
      const inside = g.group!
      return { ...doc, nodes: [{ ...g, group: { ...inside, nodes: inside.nodes.map((n) => ({ ...n, position: { x, y: 0 } })) } }, ...doc.nodes.slice(1)] }
    }
    timeline.apply({ type: 'update', document: move(document, 99) })
    expect(readRun(timeline).groups.g!.tick).toBe(2)
    const g = document.nodes[0]!
    const relabelled = { ...document, nodes: [{ ...g, group: { ...g.group!, call: 'flush' as const } }, ...document.nodes.slice(1)] }
    timeline.apply({ type: 'update', document: relabelled })
    expect(readRun(timeline).groups.g!.tick).toBe(0)
  })
})
