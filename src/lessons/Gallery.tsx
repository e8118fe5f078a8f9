/**
 * The demo gallery: each demo with its title, summary and a small picture
 * of its mesh. A demo is a link to `?demo=<id>`; a plain click opens it in
 * place, with its lesson. Loaded only when opened, with the demos.
 */
import type { MouseEvent } from 'react'

import { DEMOS, type Demo } from '../demos'
import { CloseButton, Modal } from '../ui/Modal'
import { useMeshStoreApi } from '../store/context'
import { DemoPreview } from './DemoPreview'

export default function Gallery({ onClose }: { onClose: () => void }) {
  const api = useMeshStoreApi()
  const open = (event: MouseEvent, demo: Demo) => {
    // Ctrl-, Shift- or middle-clicks open the demo's address in a new tab, as links do.
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return
    event.preventDefault()
    api.getState().openDemo(demo)
  }
  return (
    <Modal labelledBy="gallery-heading" onClose={onClose} className="gallery-dialog">
      <CloseButton label="Close demos" />
      <h2 id="gallery-heading">Demos</h2>
      <p className="modal-lead">
        The meshes from the seed&apos;s articles, and a smart node of the kind they imagine, each with a short lesson: open one and press Next to watch it run, step by step.
      </p>
      <ul className="gallery-grid">
        {DEMOS.map((demo) => (
          <li key={demo.id} className="demo-card">
            <a href={`?demo=${demo.id}`} className="demo-card-link" onClick={(event) => open(event, demo)} aria-describedby={`demo-${demo.id}-summary`}>
              <DemoPreview document={demo.document} />
              <span className="demo-card-title">{demo.title}</span>
            </a>
            <p id={`demo-${demo.id}-summary`} className="demo-card-summary">
              {demo.summary}
            </p>
            <p className="demo-card-steps">
              {demo.document.lesson.steps.length} steps · {demo.document.nodes.length} tasklets
            </p>
          </li>
        ))}
      </ul>
    </Modal>
  )
}
