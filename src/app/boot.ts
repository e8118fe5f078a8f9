/** The store a visit starts with: the autosaved mesh, or the Part 3 example on a first visit. */
import part3Json from '../demos/part3-mesh.mesh.json'
import { emptyDocument, parseDocument, parseDocumentText, type MeshDocument } from '../engine'
import { downloadText } from '../ui/download'
import { restoreDocument, setAsideKeys, type Restored } from '../store/autosave'
import { createMeshStore, type MeshStore } from '../store/mesh-store'
import type { Notice } from '../store/ui-slice'

export function firstVisitDocument(): MeshDocument {
  const parsed = parseDocument(part3Json)
  return parsed.ok ? parsed.document : emptyDocument()
}

/** localStorage, or null where the browser refuses it (private modes, sandboxed frames). */
export function browserStorage(): Storage | null {
  try {
    return window.localStorage
  } catch {
    return null
  }
}

/** What the person is told of a save that could not be read: where its copy is, or, honestly, that none could be kept. */
export function unreadableNotice(restored: Restored, download = downloadText): Omit<Notice, 'id'> {
  const problem = restored.problem!.length > 60 ? `${restored.problem!.slice(0, 60)}…` : restored.problem!
  const actions = restored.unreadable === undefined ? [] : [{ label: 'Download the old data', run: () => download('unreadable-mesh.json', restored.unreadable!, 'application/json') }]
  const text = restored.keptAs
    ? `Your saved mesh could not be read (${problem}), so the playground starts clean. The old data is kept in this browser's storage as "${restored.keptAs}".`
    : `Your saved mesh could not be read (${problem}), and storage is full, so no copy could be kept: download it now, before your next change replaces it.`
  return { key: 'unreadable-save', tone: 'warning', text, actions }
}

/** A tab's mesh kept when the tab closed before the person chose between it and another tab's save: offered to open or download. */
function offerOtherTabCopy(store: MeshStore, storage: Storage | null, download: typeof downloadText): void {
  for (const slot of setAsideKeys('other-tab')) {
    let text: string | null
    try {
      text = storage?.getItem(slot) ?? null
    } catch {
      return
    }
    if (text === null) continue
    const copy = text
    const open = () => {
      const parsed = parseDocumentText(copy)
      if (!parsed.ok) return store.getState().notify({ key: 'other-tab-copy', tone: 'error', text: `The kept mesh could not be read (${parsed.errors[0]}); download it instead.` })
      store.getState().openMesh(parsed.document)
      store.getState().notify({ key: 'other-tab-copy', tone: 'info', text: 'Opened the kept mesh. Undo brings back the one you had.' })
      try {
        storage?.removeItem(slot)
      } catch {
        // Left where it was: nothing is lost.
      }
    }
    store.getState().notify({
      key: 'other-tab-copy',
      tone: 'info',
      text: `A tab was closed with changes while another tab's save was newer: its mesh is kept as "${slot}".`,
      actions: [
        { label: 'Open the kept mesh', run: open },
        { label: 'Download it', run: () => download('kept-mesh.mesh.json', copy, 'application/json') },
      ],
    })
    return
  }
}

export function bootStore(storage: Storage | null, download: typeof downloadText = downloadText): MeshStore {
  const restored = restoreDocument(storage)
  const store = restored.problem
    ? createMeshStore({ document: emptyDocument(), notices: [unreadableNotice(restored, download)], progressStorage: storage })
    : createMeshStore({ document: restored.document ?? firstVisitDocument(), trustStorage: storage, progressStorage: storage })
  offerOtherTabCopy(store, storage, download)
  return store
}
