/**
 * The document slice: the mesh document being edited and every edit a person
 * makes to it. Each edit replaces the document with a new immutable one; the
 * store applies it to the running mesh (see mesh-store.ts).
 */
import type { MeshDocument, NodeKind, Priority, SchedulerKind, SchedulerMode, Value, WrittenPolicy } from '../engine'
import * as codeEdits from './code-edits'
import * as edits from './document-edits'
import type { Wire, XY } from './document-edits'
import { liftEdit, liftEditWith, OUTER, scopeDocument, setGroup, type GroupSettings } from './group-scope'
import type { HistoryApi, SliceCreator } from './mesh-store'

/** Where pasted and duplicated nodes go, relative to the originals. */
const PASTE_OFFSET: XY = { x: 40, y: 40 }

export interface DocumentSlice {
  document: MeshDocument
  /**
   * The group opened on the canvas, as the groups from the outer mesh in
   * (empty: the outer mesh; see group-scope.ts). Every edit of nodes and
   * wires acts on the inside it opens, as one undoable edit of the whole
   * document; the scheduler, seed, title and policy stay the outer mesh's.
   */
  openPath: readonly string[]
  /** Opens a group node of the mesh shown (a group inside the one open, or one of the outer mesh). */
  openGroup(id: string): void
  /** Goes out to `depth` groups deep (0: the outer mesh). */
  closeGroup(depth?: number): void
  /** A group node's inside's scheduler, mode, call, input node or ports (a group of the mesh shown). */
  setGroup(id: string, settings: GroupSettings): void
  /** The same, of the group open on the canvas (set in the mesh it sits in). */
  setOpenGroup(settings: GroupSettings): void
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
    /** Applies an edit to the mesh shown (the open group's inside, or the outer mesh); an edit that changes nothing leaves no undo step. */
    const edit = (change: (doc: MeshDocument) => MeshDocument) => {
      const doc = get().document
      const next = liftEdit(doc, get().openPath, change)
      if (next !== doc) set({ document: next })
    }
    /** An edit of the mesh shown that answers something (an id): the whole document, and the answer when it changed anything. */
    const editWith = <T>(change: (doc: MeshDocument) => { document: MeshDocument; result: T }) => liftEditWith(get().document, get().openPath, change)
    /** An edit of the outer document's own settings (scheduler, policy, seed, title), whichever group is open. */
    const outerEdit = (change: (doc: MeshDocument) => MeshDocument) => {
      const doc = get().document
      const next = change(doc)
      if (next !== doc) set({ document: next })
    }
    /** The mesh shown: the open group's inside, or the outer mesh. */
    const shown = () => scopeDocument(get().document, get().openPath)

    const pasteFragment = (fragment: edits.Fragment) => {
      const { document, result: ids } = editWith((doc) => {
        const pasted = edits.pasteFragment(doc, fragment, PASTE_OFFSET)
        return { document: pasted.document, result: pasted.ids }
      })
      if (!ids?.length) return
      set({ document, selection: { nodes: ids, edges: [] } })
    }

    return {
      document: initial,
      openPath: OUTER,

      openGroup(id) {
        const node = shown().nodes.find((n) => n.id === id)
        if (node?.kind !== 'group') return
        // Predicting is of the outer mesh's cards (question-slice.ts): opening a group stops it.
        set({ openPath: [...get().openPath, id], selection: { nodes: [], edges: [] }, predicting: false })
      },
      closeGroup(depth = get().openPath.length - 1) {
        const path = get().openPath
        if (depth < 0 || depth >= path.length) return
        // The group gone out of stays selected, so the person sees where they were.
        set({ openPath: depth === 0 ? OUTER : path.slice(0, depth), selection: { nodes: [path[depth]!], edges: [] } })
      },
      setGroup: (id, settings) => edit((doc) => setGroup(doc, id, settings)),
      setOpenGroup(settings) {
        const path = get().openPath
        if (!path.length) return
        const doc = get().document
        const next = liftEdit(doc, path.slice(0, -1), (around) => setGroup(around, path.at(-1)!, settings))
        if (next !== doc) set({ document: next })
      },

      addNode(kind, at) {
        const { document, result: id } = editWith((doc) => {
          const added = edits.addNode(doc, kind, at)
          return { document: added.document, result: added.id }
        })
        if (id) set({ document, selection: { nodes: [id], edges: [] } })
        return id
      },
      moveNodes: (moves) => edit((doc) => edits.moveNodes(doc, moves)),
      removeNodes: (ids) => edit((doc) => edits.removeNodes(doc, ids)),
      connect(wire) {
        const { document, result: id } = editWith((doc) => {
          const made = edits.connect(doc, wire)
          return { document: made.document, result: made.id }
        })
        if (id) set({ document })
        return id
      },
      reconnect: (id, wire) => edit((doc) => edits.reconnect(doc, id, wire)),
      removeEdges: (ids) => edit((doc) => edits.removeEdges(doc, ids)),
      keepRunMesh() {
        // The outer run's wires: kept into the outer mesh, whichever group is open.
        const wires = get().run.wires
        const doc = get().document
        const next = wires ? edits.keepRunWires(doc, wires) : doc
        if (next !== doc) set({ document: next })
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
        set({ document: { ...doc, title: '', nodes: [], edges: [], inputs: [] }, openPath: OUTER, selection: { nodes: [], edges: [] } })
        get().reset()
      },
      setScheduler: (kind, mode) => outerEdit((doc) => codeEdits.setScheduler(doc, kind, mode)),
      setPolicy(change) {
        // As code typed in a code node's editor: the person's own, unless they are editing a policy from elsewhere not yet allowed to run.
        const before = get().document.policy?.source
        if (change.source !== undefined && (before === undefined || get().isCodeTrusted(before))) get().trustCode([change.source])
        outerEdit((doc) => codeEdits.setPolicy(doc, change))
      },
      setSeed: (seed) =>
        outerEdit((doc) => {
          const next = Math.max(0, Math.min(0xffff_ffff, Math.round(Number.isFinite(seed) ? seed : 0)))
          return next === doc.seed ? doc : { ...doc, seed: next }
        }),
      setTitle: (title) =>
        outerEdit((doc) => {
          const next = title.slice(0, 200)
          return next === doc.title ? doc : { ...doc, title: next }
        }),
      setCodeSource(id, source) {
        // Code typed here is the person's own and runs without asking, unless they are editing code from elsewhere not yet allowed to run.
        const before = shown().nodes.find((n) => n.id === id)?.code?.source
        if (before === undefined || get().isCodeTrusted(before)) get().trustCode([source])
        edit((doc) => codeEdits.setCodeSource(doc, id, source))
      },
      addPort(id, name) {
        const { document, result: port } = editWith((doc) => {
          const added = codeEdits.addPort(doc, id, name)
          return { document: added.document, result: added.port }
        })
        if (port) set({ document })
        return port
      },
      renamePort(id, from, to) {
        const sourceOf = (doc: MeshDocument) => doc.nodes.find((n) => n.id === id)?.code?.source
        const before = sourceOf(shown())
        const renamed = codeEdits.renamePort(shown(), id, from, to)
        const after = sourceOf(renamed)
        // The port's new name written into trusted code keeps it trusted; untrusted code stays untrusted.
        if (before !== undefined && after !== undefined && after !== before && get().isCodeTrusted(before)) get().trustCode([after])
        edit((doc) => codeEdits.renamePort(doc, id, from, to))
      },
      removePort: (id, port) => edit((doc) => codeEdits.removePort(doc, id, port)),
      replaceCode: (id, code) => edit((doc) => codeEdits.replaceCode(doc, id, code)),
      loadDocument(document) {
        get().reset(document)
        set({ document, openPath: OUTER, selection: { nodes: [], edges: [] } })
        history().getState().clear()
      },
      copySelection() {
        const fragment = edits.copyFragment(shown(), get().selection.nodes)
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
        const fragment = edits.copyFragment(shown(), get().selection.nodes)
        if (fragment) pasteFragment(fragment)
      },
      undo: () => history().getState().undo(),
      redo: () => history().getState().redo(),
    }
  }
