/** A first visit's way in: the demos, one click away. Gone once it is dismissed or any mesh is opened. */
import { useState } from 'react'

import { useMeshStore, useMeshStoreApi } from '../store/context'

export function Welcome() {
  const api = useMeshStoreApi()
  const [dismissed, setDismissed] = useState(false)
  const openedOne = useMeshStore((s) => s.opened > 0)
  if (dismissed || openedOne) return null
  return (
    <section className="welcome" aria-labelledby="welcome-heading">
      <h2 id="welcome-heading" className="welcome-heading">
        New to meshing?
      </h2>
      <p>The demos walk through the seed&apos;s examples one step at a time, from the Part 3 mesh to the priority scheduler.</p>
      <button type="button" className="primary" onClick={() => api.getState().setGalleryOpen(true)}>
        Browse demos
      </button>
      <button type="button" className="welcome-dismiss" onClick={() => setDismissed(true)} aria-label="Dismiss welcome">
        ×
      </button>
    </section>
  )
}
