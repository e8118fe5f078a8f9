/**
 * The node kinds, to drag onto the canvas or to add with a click or Enter
 * at the centre of the view.
 */
import type { DragEvent } from 'react'

import { KINDS, MAX_GROUP_DEPTH, NODE_KINDS, type NodeKind } from '../engine'
import { useMeshStore } from '../store/context'
import { KIND_MIME } from './Canvas'

/** Every kind but the group: what an inside at the deepest level groups nest to may hold. */
const NO_GROUPS = NODE_KINDS.filter((kind) => kind !== 'group')

export function Palette({ onAdd }: { onAdd: (kind: NodeKind) => void }) {
  // A group starts empty, to open and fill in place; groups nest at most MAX_GROUP_DEPTH deep.
  const kinds = useMeshStore((s) => (s.openPath.length < MAX_GROUP_DEPTH ? NODE_KINDS : NO_GROUPS))
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
        {kinds.map((kind) => (
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
