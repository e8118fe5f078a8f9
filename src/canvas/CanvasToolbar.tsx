/** Visible buttons for the canvas' edits, each with its keyboard shortcut in its title; and the picks', while the person is the scheduler. */
import { HandControls } from '../panels/HandBar'
import { useMeshHistory, useMeshStore, useMeshStoreApi } from '../store/context'
import { selectShown } from '../store/group-scope'

const MOD = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl+'

export function CanvasToolbar({ onAutoLayout, layingOut }: { onAutoLayout: () => void; layingOut: boolean }) {
  const api = useMeshStoreApi()
  const canUndo = useMeshHistory((h) => h.pastStates.length > 0)
  const canRedo = useMeshHistory((h) => h.futureStates.length > 0)
  const hasSelection = useMeshStore((s) => s.selection.nodes.length + s.selection.edges.length > 0)
  const hasNodesSelected = useMeshStore((s) => s.selection.nodes.length > 0)
  const canPaste = useMeshStore((s) => s.clipboard !== null)
  const hasNodes = useMeshStore((s) => selectShown(s).nodes.length > 0)
  const snapToGrid = useMeshStore((s) => s.snapToGrid)
  const minimap = useMeshStore((s) => s.panels.minimap)
  const inspector = useMeshStore((s) => s.panels.inspector)
  // A mesh that carries a lesson (from a file, a link, or saved in this browser) can open it again once closed (the panel closes it).
  const hasLesson = useMeshStore((s) => s.document.lesson !== undefined)
  const inLesson = useMeshStore((s) => s.lesson !== null)
  const readOnly = useMeshStore((s) => s.readOnly)
  const state = api.getState()
  return (
    <div className="toolbar canvas-toolbar" role="toolbar" aria-label="Edit the mesh">
      <button type="button" onClick={state.undo} disabled={!canUndo} title={`Undo (${MOD}Z)`}>
        Undo
      </button>
      <button type="button" onClick={state.redo} disabled={!canRedo} title={`Redo (${MOD}Shift+Z)`}>
        Redo
      </button>
      <span className="toolbar-gap" />
      <button type="button" onClick={state.deleteSelection} disabled={!hasSelection} title="Delete the selected nodes and wires (Delete)">
        Delete
      </button>
      <button type="button" onClick={state.copySelection} disabled={!hasNodesSelected} title={`Copy the selected nodes (${MOD}C)`}>
        Copy
      </button>
      <button type="button" onClick={state.paste} disabled={!canPaste} title={`Paste (${MOD}V)`}>
        Paste
      </button>
      <button type="button" onClick={state.duplicateSelection} disabled={!hasNodesSelected} title={`Duplicate the selected nodes (${MOD}D)`}>
        Duplicate
      </button>
      <span className="toolbar-gap" />
      <button type="button" onClick={onAutoLayout} disabled={!hasNodes || layingOut} title="Lay the mesh out left to right">
        {layingOut ? 'Laying out…' : 'Auto layout'}
      </button>
      <button type="button" aria-pressed={snapToGrid} onClick={() => state.setSnapToGrid(!snapToGrid)}>
        Snap to grid
      </button>
      <button type="button" aria-pressed={minimap} onClick={() => state.togglePanel('minimap')}>
        Minimap
      </button>
      <button type="button" aria-pressed={inspector} onClick={() => state.togglePanel('inspector')}>
        Inspector
      </button>
      {hasLesson && !inLesson && (
        <button type="button" onClick={() => state.openLesson()} title="Open this mesh's lesson again, where you left it">
          Open lesson
        </button>
      )}
      {!hasLesson && !readOnly && (
        <button type="button" onClick={() => state.writeLesson()} title="Write a lesson on this mesh: steps, questions and challenges that travel with it">
          Write a lesson
        </button>
      )}
      <HandControls />
    </div>
  )
}
