/**
 * The document slice: the mesh document being edited and every edit a person
 * makes to it. Each edit replaces the document with a new immutable one; the
 * store applies it to the running mesh (see mesh-store.ts).
 */
import type { MeshDocument, NodeKind, Priority, SchedulerKind, SchedulerMode, Value, WrittenPolicy } from '../engine'
import * as codeEdits from './code-edits'
import * as edits from './document-edits'
import type { Wire, XY } from './document-edits'
import type { HistoryApi, SliceCreator } from './mesh-store'

/** Where pasted and duplicated nodes go, relative to the originals. */
const PASTE_OFFSET: XY = { x: 40, y: 40 }

export interface DocumentSlice {
  document: MeshDocument
  /** Adds a node of a kind at a canvas position and selects it; returns its id (null when the mesh is full). */
  addNode(kind: NodeKind, at: XY): string | null
  moveNodes(moves: Readonly<Record<string, XY>>): void
  /** Deletes nodes with their wires and inputs; a running mesh drops their queued items. */
  removeNodes(ids: readonly string[]): void
  /** Wires a port to a node; returns the wire's id, or null when it cannot be made. */
  connect(wire: Wire): string | null
  /** Moves a wire's ends (re-wiring re-scopes the tasklet and keeps its queue). */
  reconnect(id: string, wire: Wire): void
  removeEdges(ids: readonly string[]): void
  /** Makes the run's wires, as its code nodes rewired them, the document's: one undoable edit (nothing when they are the document's). */
  keepRunMesh(): void
  /** Deletes nodes and wires in one undoable step. */
  removeElements(nodes: readonly string[], edges: readonly string[]): void
  /** Deletes the selected nodes and wires in one undoable step. */
  deleteSelection(): void
  setLabel(id: string, label: string): void
  /** Moves a node to a place in the mesh's order, the scheduler's order (one undoable step; a run takes it from its next decision). */
  moveNodeInOrder(id: string, to: number): void
  setParam(id: string, name: string, value: Value): void
  setPriority(id: string, priority: Priority): void
  /** The values queued on a node when a run starts. */
  setInputs(id: string, values: readonly Value[]): void
  /** The scheduler and its mode; a written policy, chosen for the first time, starts as the first template. */
  setScheduler(kind: SchedulerKind, mode: SchedulerMode): void
  /** The written policy's source (the editor sends it only once it checks), or its name, or both (a template). */
  setPolicy(change: Partial<WrittenPolicy>): void
  setSeed(seed: number): void
  setTitle(title: string): void
  /** A code node's source (the editor sends it only once it parses). */
  setCodeSource(id: string, source: string): void
  /** Declares a port on a code node; returns its name, or null when refused. */
  addPort(id: string, name?: string): string | null
  /** Renames a code node's port; its wires follow. */
  renamePort(id: string, from: string, to: string): void
  /** Removes a code node's port with its wires. */
  removePort(id: string, port: string): void
  /** Replaces a code node's source and ports at once (a starter template). */
  replaceCode(id: string, code: { source: string; ports: readonly string[] }): void
  /** An empty mesh, with a fresh run; one undoable step, so Undo brings the old mesh back. */
  newMesh(): void
  /** Replaces the whole document (a demo, a file, a link): a fresh run and a fresh undo history. */
  loadDocument(document: MeshDocument): void
  copySelection(): void
  /** Pastes the copied nodes beside where they were and selects them. */
  paste(): void
  duplicateSelection(): void
  undo(): void
  redo(): void
}

export const createDocumentSlice =
  (initial: MeshDocument, history: () => HistoryApi): SliceCreator<DocumentSlice> =>
  (set, get) => {
    /** Applies an edit; an edit that changes nothing leaves no undo step. */
    const edit = (change: (doc: MeshDocument) => MeshDocument) => {
      const doc = get().document
      const next = change(doc)
      if (next !== doc) set({ document: next })
    }

    const pasteFragment = (fragment: edits.Fragment) => {
      const { document, ids } = edits.pasteFragment(get().document, fragment, PASTE_OFFSET)
      if (!ids.length) return
      set({ document, selection: { nodes: ids, edges: [] } })
    }

    return {
      document: initial,

      addNode(kind, at) {
        const { document, id } = edits.addNode(get().document, kind, at)
        if (id) set({ document, selection: { nodes: [id], edges: [] } })
        return id
      },
      moveNodes: (moves) => edit((doc) => edits.moveNodes(doc, moves)),
      removeNodes: (ids) => edit((doc) => edits.removeNodes(doc, ids)),
      connect(wire) {
        const { document, id } = edits.connect(get().document, wire)
        if (id) set({ document })
        return id
      },
      reconnect: (id, wire) => edit((doc) => edits.reconnect(doc, id, wire)),
      removeEdges: (ids) => edit((doc) => edits.removeEdges(doc, ids)),
      keepRunMesh() {
        const wires = get().run.wires
        if (wires) edit((doc) => edits.keepRunWires(doc, wires))
      },
      removeElements: (nodes, wires) => edit((doc) => edits.removeNodes(edits.removeEdges(doc, wires), nodes)),
      deleteSelection() {
        const { nodes, edges } = get().selection
        get().removeElements(nodes, edges)
      },
      setLabel: (id, label) => edit((doc) => edits.setLabel(doc, id, label)),
      moveNodeInOrder: (id, to) => edit((doc) => edits.moveNodeInOrder(doc, id, to)),
      setParam: (id, name, value) => edit((doc) => edits.setParam(doc, id, name, value)),
      setPriority: (id, priority) => edit((doc) => edits.setPriority(doc, id, priority)),
      setInputs: (id, values) => edit((doc) => edits.setInputs(doc, id, values)),
      newMesh() {
        const doc = get().document
        if (doc.nodes.length === 0 && doc.title === '') return
        set({ document: { ...doc, title: '', nodes: [], edges: [], inputs: [] }, selection: { nodes: [], edges: [] } })
        get().reset()
      },
      setScheduler: (kind, mode) => edit((doc) => codeEdits.setScheduler(doc, kind, mode)),
      setPolicy(change) {
        // As code typed in a code node's editor: the person's own, unless they are editing a policy from elsewhere not yet allowed to run.
        const before = get().document.policy?.source
        if (change.source !== undefined && (before === undefined || get().isCodeTrusted(before))) get().trustCode([change.source])
        edit((doc) => codeEdits.setPolicy(doc, change))
      },
      setSeed: (seed) =>
        edit((doc) => {
          const next = Math.max(0, Math.min(0xffff_ffff, Math.round(Number.isFinite(seed) ? seed : 0)))
          return next === doc.seed ? doc : { ...doc, seed: next }
        }),
      setTitle: (title) =>
        edit((doc) => {
          const next = title.slice(0, 200)
          return next === doc.title ? doc : { ...doc, title: next }
        }),
      setCodeSource(id, source) {
        // Code typed here is the person's own and runs without asking, unless they are editing code from elsewhere not yet allowed to run.
        const before = get().document.nodes.find((n) => n.id === id)?.code?.source
        if (before === undefined || get().isCodeTrusted(before)) get().trustCode([source])
        edit((doc) => codeEdits.setCodeSource(doc, id, source))
      },
      addPort(id, name) {
        const { document, port } = codeEdits.addPort(get().document, id, name)
        if (port) set({ document })
        return port
      },
      renamePort(id, from, to) {
        const sourceOf = (doc: MeshDocument) => doc.nodes.find((n) => n.id === id)?.code?.source
        const before = sourceOf(get().document)
        const next = codeEdits.renamePort(get().document, id, from, to)
        const after = sourceOf(next)
        // The port's new name written into trusted code keeps it trusted; untrusted code stays untrusted.
        if (before !== undefined && after !== undefined && after !== before && get().isCodeTrusted(before)) get().trustCode([after])
        if (next !== get().document) set({ document: next })
      },
      removePort: (id, port) => edit((doc) => codeEdits.removePort(doc, id, port)),
      replaceCode: (id, code) => edit((doc) => codeEdits.replaceCode(doc, id, code)),
      loadDocument(document) {
        get().reset(document)
        set({ document, selection: { nodes: [], edges: [] } })
        history().getState().clear()
      },
      copySelection() {
        const fragment = edits.copyFragment(get().document, get().selection.nodes)
        if (fragment) set({ clipboard: fragment })
      },
      paste() {
        const fragment = get().clipboard
        if (!fragment) return
        pasteFragment(fragment)
        // The next paste lands beside this one, not on top of it.
        const moved = fragment.nodes.map((n) => ({ ...n, position: { x: n.position.x + PASTE_OFFSET.x, y: n.position.y + PASTE_OFFSET.y } }))
        set({ clipboard: { ...fragment, nodes: moved } })
      },
      duplicateSelection() {
        const fragment = edits.copyFragment(get().document, get().selection.nodes)
        if (fragment) pasteFragment(fragment)
      },
      undo: () => history().getState().undo(),
      redo: () => history().getState().redo(),
    }
  }
