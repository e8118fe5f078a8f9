/** The store a visit starts with: the autosaved mesh, or the Part 3 example on a first visit. */
import part3Json from '../demos/part3-mesh.mesh.json'
import { emptyDocument, parseDocument, type MeshDocument } from '../engine'
import { restoreDocument, UNREADABLE_KEY } from '../store/autosave'
import { createMeshStore, type MeshStore } from '../store/mesh-store'

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

export function bootStore(storage: Storage | null): MeshStore {
  const restored = restoreDocument(storage)
  if (restored.problem) {
    return createMeshStore({
      document: emptyDocument(),
      notices: [
        {
          tone: 'warning',
          text: `Your saved mesh could not be read (${restored.problem}), so the playground starts clean. The old data is kept in this browser's storage as "${UNREADABLE_KEY}".`,
        },
      ],
    })
  }
  return createMeshStore({ document: restored.document ?? firstVisitDocument(), trustStorage: storage })
}
