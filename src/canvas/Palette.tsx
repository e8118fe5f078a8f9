/**
 * The node kinds, to drag onto the canvas or to add with a click or Enter
 * at the centre of the view.
 */
import type { DragEvent } from 'react'

import { KINDS, NODE_KINDS, type NodeKind } from '../engine'
import { KIND_MIME } from './Canvas'

/** A group comes with its inside (from a file or a link): the canvas cannot build one from nothing yet. */
const PALETTE_KINDS = NODE_KINDS.filter((kind) => kind !== 'group')

export function Palette({ onAdd }: { onAdd: (kind: NodeKind) => void }) {
  const onDragStart = (event: DragEvent, kind: NodeKind) => {
    event.dataTransfer.setData(KIND_MIME, kind)
    event.dataTransfer.effectAllowed = 'copy'
  }
  return (
    <section className="palette" aria-labelledby="palette-heading">
      <h2 id="palette-heading" className="panel-heading">
        Add a node
      </h2>
      <p className="palette-hint" id="palette-hint">
        Drag onto the canvas, or press to add in the middle.
      </p>
      <ul className="palette-list">
        {PALETTE_KINDS.map((kind) => (
          <li key={kind}>
            <button
              type="button"
              className="palette-item"
              data-kind={kind}
              draggable
              onDragStart={(event) => onDragStart(event, kind)}
              onClick={() => onAdd(kind)}
              aria-label={`Add ${kind}`}
              aria-describedby={`palette-${kind}`}
            >
              <span className="palette-swatch" aria-hidden="true" />
              <span className="palette-name">{kind}</span>
            </button>
            <span id={`palette-${kind}`} className="visually-hidden">
              {KINDS[kind].summary}
            </span>
          </li>
        ))}
      </ul>
    </section>
  )
}
