/**
 * Where the canvas is while a group is open: the outer mesh and each group
 * opened inside it, each a way back out (Escape goes out one level), with
 * the inside's run as its inner run has it. Step and Run still drive the
 * whole mesh: the inside runs when the outer scheduler picks its group.
 */
import { useMemo } from 'react'

import { useMeshStore, useMeshStoreApi } from '../store/context'
import { groupsAlong, selectShownRun } from '../store/group-scope'

export function GroupBreadcrumbs() {
  const api = useMeshStoreApi()
  const document = useMeshStore((s) => s.document)
  const path = useMeshStore((s) => s.openPath)
  const groups = useMemo(() => (path.length ? groupsAlong(document, path) : null), [document, path])
  const title = document.title
  const tick = useMeshStore((s) => selectShownRun(s).tick)
  if (!groups?.length) return null
  const open = groups.at(-1)!
  const call = open.group?.call === 'next' ? 'one step' : 'one whole call'
  return (
    <nav className="group-crumbs" aria-label="Open group">
      <ol>
        <li>
          <button type="button" className="link-button" onClick={() => api.getState().closeGroup(0)}>
            {title || 'Mesh'}
          </button>
        </li>
        {groups.map((group, depth) => (
          <li key={`${depth}-${group.id}`}>
            <span aria-hidden="true">›</span>{' '}
            {depth === groups.length - 1 ? (
              <strong aria-current="location">{group.label}</strong>
            ) : (
              <button type="button" className="link-button" onClick={() => api.getState().closeGroup(depth + 1)}>
                {group.label}
              </button>
            )}
          </li>
        ))}
      </ol>
      <button type="button" className="group-crumbs-close" onClick={() => api.getState().closeGroup()} aria-keyshortcuts="Escape">
        Close group
      </button>
      <p className="group-crumbs-note">
        {tick === 0 ? 'Not run yet. ' : `Inner tick ${tick}. `}
        Step runs the whole mesh; this group runs {call} of its inside when the scheduler picks it.
      </p>
    </nav>
  )
}
