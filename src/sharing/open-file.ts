/** Opening a mesh file from the File menu or a drop, with the code that reads it loaded first (file-actions.ts, and the reader behind it). */
import { OPEN_NOTICE_KEY } from '../store/open-slice'
import type { MeshStore } from '../store/mesh-store'

/** Opens `file`; never rejects: code that fails to load is a notice, as a bad file is. */
export function openFile(store: MeshStore, file: File): Promise<void> {
  return import('./file-actions')
    .then(({ openMeshFile }) => openMeshFile(store, file))
    .catch((e: unknown) => {
      store.getState().notify({ key: OPEN_NOTICE_KEY, tone: 'error', text: `${file.name} could not be opened: ${e instanceof Error ? e.message : String(e)}` })
    })
}
