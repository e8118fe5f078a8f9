/** The store a visit starts with: the autosaved mesh, or the Part 3 example on a first visit. */
import part3Json from '../demos/part3-mesh.mesh.json'
import { emptyDocument, parseDocument, type MeshDocument } from '../engine'
import { downloadText } from '../run/download'
import { restoreDocument, type Restored } from '../store/autosave'
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

export function bootStore(storage: Storage | null, download?: typeof downloadText): MeshStore {
  const restored = restoreDocument(storage)
  if (restored.problem) return createMeshStore({ document: emptyDocument(), notices: [unreadableNotice(restored, download)] })
  return createMeshStore({ document: restored.document ?? firstVisitDocument(), trustStorage: storage })
}
