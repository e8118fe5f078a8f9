/**
 * The UI slice: what is selected, which panels show, notices for the person
 * at the screen, the clipboard and canvas settings. Nothing here changes
 * what the mesh does, and undo does not track it.
 */
import type { Fragment } from './document-edits'
import type { SliceCreator } from './mesh-store'
import { scopeDocument } from './group-scope'

export interface Selection {
  nodes: readonly string[]
  edges: readonly string[]
}

export interface Notice {
  id: number
  /** Notices with the same key replace each other instead of piling up. */
  key?: string
  tone: 'info' | 'warning' | 'error'
  text: string
  /** Buttons that answer the notice (each dismisses it after it runs). */
  actions?: readonly NoticeAction[]
}

export interface NoticeAction {
  label: string
  run(): void
}

export type PanelName = 'inspector' | 'minimap'

export interface UiSlice {
  selection: Selection
  notices: readonly Notice[]
  clipboard: Fragment | null
  snapToGrid: boolean
  panels: Readonly<Record<PanelName, boolean>>
  /** The panels the person showed or hid by hand: the room there is no longer decides for them. */
  panelsChosen: Readonly<Partial<Record<PanelName, true>>>
  setSelection(selection: Selection): void
  /** Selects every node and wire of the mesh (Ctrl+A). */
  selectAll(): void
  /** Adds or removes single nodes or edges from the selection (React Flow's select changes). */
  changeSelection(changes: readonly { kind: 'node' | 'edge'; id: string; selected: boolean }[]): void
  /** Forgets selected nodes and edges the document no longer has. */
  pruneSelection(): void
  notify(notice: Omit<Notice, 'id'>): void
  dismissNotice(id: number): void
  setSnapToGrid(on: boolean): void
  togglePanel(panel: PanelName): void
  /** Shows or hides a panel by the room there is, unless the person chose for it. */
  fitPanelToRoom(panel: PanelName, shown: boolean): void
  /** The written policy's editor is asked for the focus (it opened, or "Edit policy" was pressed). */
  policyEditorFocus: boolean
  /** Opens the written policy's editor: the mesh's settings in the inspector (nothing selected), the focus in the editor. */
  openPolicyEditor(): void
  /** The policy's editor took the focus it was asked for. */
  policyEditorFocused(): void
}

const NO_SELECTION: Selection = { nodes: [], edges: [] }

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i])
}

export const createUiSlice: SliceCreator<UiSlice> = (set, get) => {
  let nextNotice = 1

  const select = (selection: Selection) => {
    const old = get().selection
    if (sameList(old.nodes, selection.nodes) && sameList(old.edges, selection.edges)) return
    set({ selection: selection.nodes.length || selection.edges.length ? selection : NO_SELECTION })
  }

  return {
    selection: NO_SELECTION,
    notices: [],
    clipboard: null,
    snapToGrid: true,
    panels: { inspector: true, minimap: true },
    panelsChosen: {},
    policyEditorFocus: false,

    setSelection: select,
    selectAll() {
      const { nodes, edges } = scopeDocument(get().document, get().openPath)
      select({ nodes: nodes.map((n) => n.id), edges: edges.map((e) => e.id) })
    },
    changeSelection(changes) {
      const nodes = new Set(get().selection.nodes)
      const edges = new Set(get().selection.edges)
      // Only what the canvas shows: a card's click that opened its group (the card then gone) selects nothing.
      const shown = scopeDocument(get().document, get().openPath)
      for (const change of changes) {
        const chosen = change.kind === 'node' ? nodes : edges
        const there = change.kind === 'node' ? shown.nodes.some((n) => n.id === change.id) : shown.edges.some((e) => e.id === change.id)
        if (change.selected && there) chosen.add(change.id)
        else chosen.delete(change.id)
      }
      select({ nodes: [...nodes], edges: [...edges] })
    },
    pruneSelection() {
      const { selection } = get()
      const document = scopeDocument(get().document, get().openPath)
      const nodeIds = new Set(document.nodes.map((n) => n.id))
      const edgeIds = new Set(document.edges.map((e) => e.id))
      select({ nodes: selection.nodes.filter((id) => nodeIds.has(id)), edges: selection.edges.filter((id) => edgeIds.has(id)) })
    },
    notify(notice) {
      const others = notice.key ? get().notices.filter((n) => n.key !== notice.key) : get().notices
      set({ notices: [...others, { ...notice, id: nextNotice++ }] })
    },
    dismissNotice: (id) => set({ notices: get().notices.filter((n) => n.id !== id) }),
    setSnapToGrid: (on) => set({ snapToGrid: on }),
    togglePanel: (panel) => set({ panels: { ...get().panels, [panel]: !get().panels[panel] }, panelsChosen: { ...get().panelsChosen, [panel]: true } }),
    fitPanelToRoom(panel, shown) {
      if (get().panelsChosen[panel] || get().panels[panel] === shown) return
      set({ panels: { ...get().panels, [panel]: shown } })
    },
    openPolicyEditor() {
      select(NO_SELECTION)
      if (!get().panels.inspector) set({ panels: { ...get().panels, inspector: true }, panelsChosen: { ...get().panelsChosen, inspector: true } })
      set({ policyEditorFocus: true })
    },
    policyEditorFocused: () => set({ policyEditorFocus: false }),
  }
}
