/**
 * The embed view (`?embed`): the canvas and the run controls only, read
 * only, for an iframe in slides or a course page, with a way to open the
 * mesh in the full playground; a mesh with a lesson shows its steps under
 * the canvas.
 */
import { useEffect, useState } from 'react'

import { Canvas } from '../canvas/Canvas'
import { CodeConsent } from '../consent/CodeConsent'
import { EmbedLesson } from '../lessons/EmbedLesson'
import { useMeshStore } from '../store/context'
import { Notices } from './Notices'
import { RunToolbar } from './RunToolbar'

/** The full playground's address for the mesh shown, once the link encoder has loaded. */
function useOpenAddress(): string | null {
  const document = useMeshStore((s) => s.document)
  const [address, setAddress] = useState<string | null>(null)
  useEffect(() => {
    let current = true
    void import('../formats/link').then(({ linkOrFile }) => {
      const link = linkOrFile(document)
      if (current) setAddress(link.ok ? `${location.origin}${location.pathname}${link.link}` : null)
    })
    return () => {
      current = false
    }
  }, [document])
  return address
}

export function Embed() {
  const title = useMeshStore((s) => s.document.title)
  const address = useOpenAddress()
  return (
    <div className="app embed">
      <header className="app-header embed-header">
        <h1 className="visually-hidden">Mesh Playground</h1>
        <p className="embed-title" title={title}>
          {title || 'Mesh'}
        </p>
        <RunToolbar />
      </header>
      <main className="app-main">
        <Notices />
        <CodeConsent />
        <section className="canvas-area embed-canvas" aria-label="Canvas">
          <Canvas />
          {address && (
            <a className="embed-open" href={address} target="_blank" rel="noopener noreferrer">
              Open in Mesh Playground<span className="visually-hidden"> (opens a new tab)</span>
            </a>
          )}
        </section>
        <EmbedLesson />
      </main>
    </div>
  )
}
