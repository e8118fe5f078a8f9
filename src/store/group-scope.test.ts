import { describe, expect, it } from 'vitest'

import part3Json from '../demos/part3-mesh.mesh.json'
import { emptyDocument, MAX_GROUP_DEPTH, parseDocument, type MeshDocument, type MeshNode } from '../engine'
import { liftEdit, scopeDocument, validPath } from './group-scope'
import * as edits from './document-edits'
import { createMeshStore } from './mesh-store'

function load(json: object): MeshDocument {
  const parsed = parseDocument(json)
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'))
  return parsed.document
}

/** Part 3's mesh inside group `group` (its inner sink `sink`), its port `out` wired to a sink `s` outside: an outer `s` and an inner one. */
function part3Grouped(group = 'g', sink = 's'): MeshDocument {
  const nodes = part3Json.nodes.map((n) => (n.id === 's' ? { ...n, id: sink } : n))
  const edges = part3Json.edges.map((e) => (e.target === 's' ? { ...e, target: sink } : e))
  return load({
    format: 'mesh-playground',
    version: 2,
    nodes: [
      { id: group, kind: 'group', label: 'part 3 inside', group: { nodes, edges, input: 'a', outputs: [{ port: 'out', node: sink }] } },
      { id: 's', kind: 'sink', position: { x: 320, y: 0 } },
    ],
    edges: [{ source: group, port: 'out', target: 's' }],
    inputs: [{ node: group, values: [0, 1, 2, 3] }],
  })
}

const inside = (doc: MeshDocument, id = 'g') => doc.nodes.find((n) => n.id === id)!.group!
const ids = (nodes: readonly MeshNode[]) => nodes.map((n) => n.id)

describe('editing inside an opened group', () => {
  it('adds, moves, wires and deletes inside, each one undoable edit of the whole document; the outer mesh stays as it was', () => {
    const store = createMeshStore({ document: part3Grouped() })
    const outer = store.getState().document
    store.getState().openGroup('g')
    expect(store.getState().openPath).toEqual(['g'])
    // The inside's ids are its own: a doubler added inside is `doubler` there, and the outer mesh gets no node.
    const added = store.getState().addNode('doubler', { x: 5, y: 5 })
    expect(added).toBe('doubler')
    expect(ids(store.getState().document.nodes)).toEqual(['g', 's'])
    expect(ids(inside(store.getState().document).nodes)).toContain('doubler')
    expect(store.getState().selection.nodes).toEqual(['doubler'])
    // `s` here is the inner sink, not the outer one.
    expect(store.getState().connect({ source: 'doubler', port: 'target', target: 's' })).toBe('doubler.target-s')
    expect(inside(store.getState().document).edges.at(-1)).toMatchObject({ source: 'doubler', target: 's' })
    expect(store.getState().document.edges).toBe(outer.edges)
    store.getState().moveNodes({ doubler: { x: 100, y: 200 } })
    expect(inside(store.getState().document).nodes.find((n) => n.id === 'doubler')!.position).toEqual({ x: 100, y: 200 })
    store.getState().setLabel('d', 'twice')
    expect(inside(store.getState().document).nodes.find((n) => n.id === 'd')!.label).toBe('twice')
    store.getState().removeElements(['doubler'], [])
    expect(ids(inside(store.getState().document).nodes)).not.toContain('doubler')
    expect(store.temporal.getState().pastStates).toHaveLength(5)
    for (let i = 0; i < 5; i++) store.getState().undo()
    expect(store.getState().document).toEqual(outer)
    // Still open: undo changed the inside, not the group.
    expect(store.getState().openPath).toEqual(['g'])
  })

  it('keeps the marked input and outputs to nodes that are there: deleting the inner sink takes its port and the wire from it', () => {
    const store = createMeshStore({ document: part3Grouped() })
    store.getState().openGroup('g')
    store.getState().removeNodes(['a', 's'])
    const doc = store.getState().document
    expect(inside(doc).input).toBeUndefined()
    expect(inside(doc).outputs).toEqual([])
    expect(doc.edges).toEqual([])
    expect(parseDocument(doc).ok).toBe(true)
  })

  it("sets the group's input and ports from its inspector, refusing what the format refuses", () => {
    const store = createMeshStore({ document: part3Grouped() })
    store.getState().setGroup('g', { input: 'd', call: 'next', scheduler: 'priority', mode: 'next' })
    expect(inside(store.getState().document)).toMatchObject({ input: 'd', call: 'next', scheduler: 'priority', mode: 'next' })
    store.getState().setGroup('g', { input: 'nobody' })
    store.getState().setGroup('g', { outputs: [{ port: '1bad', node: 's' }] })
    store.getState().setGroup('g', { outputs: [{ port: 'x', node: 'nobody' }] })
    expect(inside(store.getState().document)).toMatchObject({ input: 'd', outputs: [{ port: 'out', node: 's' }] })
    store.getState().setGroup('g', {
      outputs: [
        { port: 'out', node: 's' },
        { port: 'doubled', node: 'd' },
      ],
    })
    expect(store.getState().document.nodes[0]!.group!.outputs.map((o) => o.port)).toEqual(['out', 'doubled'])
    // A port that goes takes its wire.
    store.getState().setGroup('g', { outputs: [{ port: 'doubled', node: 'd' }], input: null })
    expect(store.getState().document.edges).toEqual([])
    expect(inside(store.getState().document).input).toBeUndefined()
    expect(parseDocument(store.getState().document).ok).toBe(true)
    // The group open on the canvas is set in the mesh around it.
    store.getState().openGroup('g')
    store.getState().setOpenGroup({ call: 'flush', input: 'a' })
    expect(inside(store.getState().document)).toMatchObject({ call: 'flush', input: 'a' })
  })

  it("takes an edit of a group's inside into the run (a new inner run), but not a move of its cards", () => {
    const store = createMeshStore({ document: part3Grouped(), sandbox: null, compareSandbox: null })
    store.getState().step()
    store.getState().step()
    const end = store.getState().run.end
    expect(store.getState().run.groups.g!.tick).toBeGreaterThan(0)
    store.getState().openGroup('g')
    // Moving cards inside keeps the run, its history and its inner run.
    store.getState().moveNodes({ d: { x: 999, y: 999 } })
    const inner = store.getState().run.groups.g!.tick
    store.getState().stepBack()
    store.getState().moveNodes({ t: { x: 900, y: 900 } })
    expect(store.getState().run.end).toBe(end)
    // Another scheduler inside: the run takes it, the group's inside starting afresh under it.
    store.getState().setOpenGroup({ scheduler: 'priority' })
    expect(store.getState().run.groups.g).toMatchObject({ tick: 0 })
    expect(store.getState().run.groups.g!.schedulerView.kind).toBe('priority')
    expect(inner).toBeGreaterThan(0)
  })

  it('treats ids like __proto__ and constructor as ids, at every level', () => {
    const store = createMeshStore({ document: part3Grouped('__proto__', 'constructor') })
    store.getState().openGroup('__proto__')
    expect(store.getState().openPath).toEqual(['__proto__'])
    expect(ids(scopeDocument(store.getState().document, store.getState().openPath).nodes)).toContain('constructor')
    store.getState().removeNodes(['constructor'])
    const doc = store.getState().document
    expect(ids(inside(doc, '__proto__').nodes)).not.toContain('constructor')
    expect(inside(doc, '__proto__').outputs).toEqual([])
    expect(Object.getPrototypeOf(doc.nodes[0])).toBe(Object.prototype)
    expect(parseDocument(doc).ok).toBe(true)
    // No group is named toString: opening it does nothing.
    store.getState().openGroup('toString')
    expect(store.getState().openPath).toEqual(['__proto__'])
  })

  it('goes out to the outer mesh when the open group is gone: undone, deleted, or another mesh opened — never to nothing', () => {
    const store = createMeshStore({ document: emptyDocument() })
    const g = store.getState().addNode('group', { x: 0, y: 0 })!
    expect(store.getState().document.nodes[0]!.group).toMatchObject({ nodes: [], outputs: [] })
    store.getState().openGroup(g)
    store.getState().addNode('start', { x: 0, y: 0 })
    expect(ids(inside(store.getState().document, g).nodes)).toEqual(['start'])
    store.getState().undo()
    store.getState().undo()
    expect(store.getState().document.nodes).toEqual([])
    expect(store.getState().openPath).toEqual([])
    store.getState().redo()
    store.getState().openGroup(g)
    store.getState().loadDocument(part3Grouped())
    expect(store.getState().openPath).toEqual([])
    store.getState().openGroup('g')
    store.getState().closeGroup(0)
    expect(store.getState().openPath).toEqual([])
    expect(store.getState().selection.nodes).toEqual(['g'])
  })

  it('opens groups inside groups, and refuses a group deeper than groups nest', () => {
    const store = createMeshStore({ document: emptyDocument() })
    const path: string[] = []
    for (let depth = 0; depth < MAX_GROUP_DEPTH; depth++) {
      const id = store.getState().addNode('group', { x: 0, y: 0 })!
      expect(id).not.toBeNull()
      store.getState().openGroup(id)
      path.push(id)
      expect(store.getState().openPath).toEqual(path)
    }
    expect(store.getState().addNode('group', { x: 0, y: 0 })).toBeNull()
    expect(store.getState().addNode('sink', { x: 0, y: 0 })).toBe('sink')
    expect(parseDocument(store.getState().document).ok).toBe(true)
    store.getState().closeGroup(1)
    expect(store.getState().openPath).toEqual(path.slice(0, 1))
  })

  it('lifts any edit of a document into the group a path opens, and leaves the document alone when the path does not hold', () => {
    const doc = part3Grouped()
    expect(liftEdit(doc, ['nobody'], (d) => edits.removeNodes(d, ['a']))).toBe(doc)
    expect(liftEdit(doc, ['g'], (d) => edits.removeNodes(d, ['nobody']))).toBe(doc)
    expect(validPath(doc, ['g', 'nobody'])).toEqual(['g'])
    expect(validPath(doc, ['s'])).toEqual([])
    const lifted = liftEdit(doc, ['g'], (d) => edits.setLabel(d, 'b', 'fork'))
    expect(lifted.nodes[1]).toBe(doc.nodes[1])
    expect(inside(lifted).nodes.find((n) => n.id === 'b')!.label).toBe('fork')
  })
})

describe('predicting a card while a group is open', () => {
  it('predicts among the outer mesh’s cards: predicting goes back out, opening a group stops it, and an inner card is never the answer', () => {
    const store = createMeshStore({ document: part3Grouped() })
    store.getState().openGroup('g')
    store.getState().setPredicting(true)
    // The question is of the mesh the run schedules: its cards show.
    expect(store.getState().openPath).toEqual([])
    expect(store.getState().predicting).toBe(true)
    store.getState().predictCard('g')
    expect(store.getState().predicted).toBe('g')

    store.getState().setPredicting(true)
    store.getState().openGroup('g')
    expect(store.getState().predicting).toBe(false)
    // A click on an inner card (its id is the inner doubler's) is no prediction.
    store.getState().setPredicting(true)
    store.setState({ openPath: ['g'] })
    store.getState().predictCard('d')
    expect(store.getState().predicted).toBeNull()
  })
})
