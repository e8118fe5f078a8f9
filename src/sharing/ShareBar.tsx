/**
 * The header's controls for demos, sharing and files. The gallery and the
 * share dialog load their code (the demos, the link encoder) when opened.
 */
import { lazy, Suspense, useState } from 'react'

import { useMeshStore, useMeshStoreApi } from '../store/context'
import { FileMenu } from './FileMenu'
import './sharing.css'

const Gallery = lazy(() => import('../lessons/Gallery'))
const ShareDialog = lazy(() => import('./ShareDialog'))

export function ShareBar() {
  const api = useMeshStoreApi()
  const galleryOpen = useMeshStore((s) => s.galleryOpen)
  const [sharing, setSharing] = useState(false)
  return (
    <div className="toolbar share-bar" role="toolbar" aria-label="Demos, sharing and files">
      <button type="button" className="demos-button" aria-haspopup="dialog" onClick={() => api.getState().setGalleryOpen(true)}>
        Demos
      </button>
      <button type="button" aria-haspopup="dialog" onClick={() => setSharing(true)}>
        Share
      </button>
      <FileMenu />
      <Suspense fallback={null}>
        {galleryOpen && <Gallery onClose={() => api.getState().setGalleryOpen(false)} />}
        {sharing && <ShareDialog onClose={() => setSharing(false)} />}
      </Suspense>
    </div>
  )
}
