import { describe, expect, it } from 'vitest'

import part3Json from '../demos/part3-mesh.mesh.json'
import { parseDocument, pyStr } from '../engine'
import { createMeshStore } from './mesh-store'
import { chainDocument } from '../engine/testing'

const sinkGot = (store: ReturnType<typeof createMeshStore>, sink = 's') => store.getState().run.outputs[sink]?.map((o) => pyStr(o.value))

describe('the mesh store', () => {
  describe('editing', () => {
    it('adds nodes with fresh ids and labels, and selects the new one', () => {
      const store = createMeshStore()
      const first = store.getState().addNode('doubler', { x: 10, y: 20 })
      const second = store.getState().addNode('doubler', { x: 10, y: 20 })
      const { document, selection, run } = store.getState()
      expect([first, second]).toEqual(['doubler', 'doubler-2'])
      expect(document.nodes.map((n) => n.label)).toEqual(['doubler', 'doubler 2'])
      expect(document.nodes[1]!.position).not.toEqual(document.nodes[0]!.position)
      expect(selection.nodes).toEqual(['doubler-2'])
      expect(Object.keys(run.nodes)).toEqual(['doubler', 'doubler-2'])
    })

    it('refuses a wire from a port the kind does not have, or the same wire twice', () => {
      const store = createMeshStore({ document: chainDocument() })
      expect(store.getState().connect({ source: 'a', port: 'left', target: 's' })).toBeNull()
      expect(store.getState().connect({ source: 'a', port: 'target', target: 'd' })).toBeNull()
      expect(store.getState().connect({ source: 'a', port: 'target', target: 't' })).toBe('a.target-t')
      expect(store.temporal.getState().pastStates).toHaveLength(1)
    })

    it('keeps priorities whole and random ranges in order', () => {
      const store = createMeshStore({ document: chainDocument() })
      store.getState().setPriority('d', { random: [20, 1.4] })
      expect(store.getState().document.nodes[1]!.priority).toEqual({ random: [1, 20] })
      expect(store.getState().run.nodes.d!.priority).toBe('1–20')
    })

    it('deletes a node with its wires and initial inputs', () => {
      const store = createMeshStore({ document: chainDocument() })
      store.getState().setInputs('d', [1, 2])
      store.getState().setSelection({ nodes: ['d'], edges: [] })
      store.getState().deleteSelection()
      const { document, selection } = store.getState()
      expect(document.nodes.map((n) => n.id)).toEqual(['a', 't', 's'])
      expect(document.edges.map((e) => e.id)).toEqual(['t.target-s'])
      expect(document.inputs).toEqual([])
      expect(selection.nodes).toEqual([])
    })

    it('pastes and duplicates copies wired among themselves, beside the originals', () => {
      const store = createMeshStore({ document: chainDocument() })
      store.getState().setSelection({ nodes: ['d', 's'], edges: [] })
      store.getState().copySelection()
      store.getState().paste()
      store.getState().duplicateSelection()
      const { document, selection } = store.getState()
      expect(document.nodes.map((n) => n.label)).toEqual(['start', 'doubler', 'tripler', 'sink', 'doubler 2', 'sink 2', 'doubler 3', 'sink 3'])
      expect(document.edges.filter((e) => e.source === 'd-2').map((e) => e.target)).toEqual(['s-2'])
      expect(document.nodes.find((n) => n.id === 'd-3')!.position).toEqual({ x: 280, y: 80 })
      expect(selection.nodes).toEqual(['d-3', 's-3'])
    })
  })

  describe('undo and redo', () => {
    it('undoes and redoes every edit, and the run follows', () => {
      const store = createMeshStore({ document: chainDocument() })
      store.getState().reconnect('a.target-d', { source: 'a', port: 'target', target: 't' })
      store.getState().setLabel('t', 'three')
      store.getState().undo()
      expect(store.getState().document.nodes[2]!.label).toBe('tripler')
      store.getState().undo()
      expect(store.getState().document.edges[0]!.target).toBe('d')
      store.getState().send('a', [1])
      store.getState().runToEnd()
      expect(sinkGot(store)).toEqual(['2x2'])
      store.getState().redo()
      store.getState().send('a', [1])
      store.getState().runToEnd()
      expect(sinkGot(store)).toEqual(['2x2', '3x2'])
    })

    it('empties the mesh with New mesh, with a fresh run, and Undo brings it back', () => {
      const store = createMeshStore({ document: chainDocument() })
      store.getState().send('a', [1])
      store.getState().runToEnd()
      store.getState().newMesh()
      expect(store.getState().document.nodes).toEqual([])
      expect(store.getState().run.tick).toBe(0)
      expect(store.getState().run.outputs).toEqual({})
      store.getState().undo()
      expect(store.getState().document.nodes).toHaveLength(4)
    })

    it('selects every node and wire with selectAll', () => {
      const store = createMeshStore({ document: chainDocument() })
      store.getState().selectAll()
      expect(store.getState().selection.nodes).toHaveLength(4)
      expect(store.getState().selection.edges).toHaveLength(3)
    })

    it('leaves no undo step for an edit that changes nothing', () => {
      const store = createMeshStore({ document: chainDocument() })
      store.getState().setLabel('d', 'doubler')
      store.getState().moveNodes({ d: { x: 200, y: 0 } })
      store.getState().step()
      expect(store.temporal.getState().pastStates).toHaveLength(0)
    })

    it('starts a fresh history when a document is loaded', () => {
      const store = createMeshStore({ document: chainDocument() })
      store.getState().setLabel('d', 'twice')
      const part3 = parseDocument(part3Json)
      if (!part3.ok) throw new Error('demo does not parse')
      store.getState().loadDocument(part3.document)
      expect(store.temporal.getState().pastStates).toHaveLength(0)
      expect(store.getState().run.nodes.a!.queueLength).toBe(4)
      expect(store.getState().notices).toEqual([])
    })
  })

  describe('editing a running mesh', () => {
    it('re-wiring keeps the queue of the re-wired tasklet', () => {
      const store = createMeshStore({ document: chainDocument() })
      store.getState().send('d', [1, 2, 3])
      store.getState().step()
      expect(store.getState().run.nodes.d!.head).toEqual([2, 3])
      store.getState().reconnect('d.target-s', { source: 'd', port: 'target', target: 't' })
      expect(store.getState().run.nodes.d!.head).toEqual([2, 3])
      store.getState().runToEnd()
      expect(sinkGot(store)).toEqual(['2x1', '3x2x2', '3x2x3'])
    })

    it('deleting a node with queued items drops them, counted', () => {
      const store = createMeshStore({ document: chainDocument() })
      store.getState().send('d', [1, 2, 3])
      store.getState().removeNodes(['d'])
      expect(store.getState().run.stats.dropped).toBe(3)
      expect(store.getState().run.nodes.d).toBeUndefined()
    })

    it('queues new initial inputs at once before the run starts, and asks for a reset after', () => {
      const store = createMeshStore({ document: chainDocument() })
      store.getState().setInputs('a', [0, 1])
      expect(store.getState().run.nodes.a!.head).toEqual([0, 1])
      store.getState().step()
      store.getState().setInputs('a', [5])
      expect(store.getState().run.nodes.a!.head).toEqual([1])
      expect(store.getState().notices.map((n) => n.key)).toEqual(['start-changed'])
      store.getState().reset()
      expect(store.getState().run.tick).toBe(0)
      expect(store.getState().run.nodes.a!.head).toEqual([5])
    })

    it("does the seed's Tasklet API on one node by hand", () => {
      const store = createMeshStore({ document: chainDocument() })
      const { send, taskletAction } = store.getState()
      send('d', [1, 2, 3, 4])
      taskletAction('last', 'd')
      expect(sinkGot(store)).toEqual([])
      expect(store.getState().run.nodes.s!.head).toEqual(['2x4'])
      taskletAction('close', 'd')
      expect(store.getState().run.nodes.d!.state).toBe('closed')
      taskletAction('next', 'd')
      expect(store.getState().run.nodes.d!.head).toEqual([2, 3])
      taskletAction('restart', 'd')
      expect(store.getState().run.nodes.d).toMatchObject({ closed: false, queueLength: 0 })
      send('d', [7, 8])
      taskletAction('flush', 'd')
      expect(store.getState().run.nodes.s!.head).toEqual(['2x4', '2x7', '2x8'])
      taskletAction('clear', 's')
      expect(store.getState().run.nodes.s!.queueLength).toBe(0)
    })

    it('shows a tasklet closed by an error, and the rest of the mesh running on', () => {
      const store = createMeshStore({ document: chainDocument() })
      store.getState().send('a', ['2x1'])
      store.getState().send('d', [1])
      store.getState().runToEnd()
      expect(store.getState().run.nodes.a).toMatchObject({ state: 'error', error: expect.stringMatching(/^TypeError: can only concatenate str/) })
      expect(sinkGot(store)).toEqual(['2x1'])
    })
  })

  describe('publishing', () => {
    it('marks the node the next step runs, and the one that just ran', () => {
      const store = createMeshStore({ document: chainDocument() })
      store.getState().send('a', [1])
      expect(store.getState().run).toMatchObject({ status: 'ready', nextUp: 'a' })
      store.getState().step()
      expect(store.getState().run.nodes.a).toMatchObject({ state: 'active', nextUp: false })
      expect(store.getState().run.nodes.d).toMatchObject({ state: 'idle', nextUp: true })
      store.getState().runToEnd()
      expect(store.getState().run).toMatchObject({ status: 'idle', nextUp: null, tick: 3 })
    })

    it('reuses the view of every node a tick did not touch', () => {
      const store = createMeshStore({ document: chainDocument() })
      store.getState().send('a', [1, 2])
      store.getState().step()
      const before = store.getState().run
      store.getState().step()
      const after = store.getState().run
      expect(after.nodes.a).not.toBe(before.nodes.a)
      expect(after.nodes.d).not.toBe(before.nodes.d)
      expect(after.nodes.t).toBe(before.nodes.t)
      expect(after.nodes.s).toBe(before.nodes.s)
      expect(after.outputs).toBe(before.outputs)
    })
  })
})
