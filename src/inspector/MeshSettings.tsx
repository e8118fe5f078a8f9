/** The mesh's own settings, shown when no node is selected: title, scheduler, mode and seed, and the written policy when it schedules the mesh. */
import { lazy, Suspense } from 'react'

import { SchedulerControls } from '../panels/SchedulerControls'
import { useMeshStore, useMeshStoreApi } from '../store/context'
import { CommitField } from './fields'
import { groupsAlong } from '../store/group-scope'
import type { MeshNode } from '../engine'

// Loaded when first shown: a written policy's editor, an opened group's settings.
const PolicySection = lazy(() => import('./code/PolicySection').then((m) => ({ default: m.PolicySection })))
const GroupSettings = lazy(() => import('./GroupSettings').then((m) => ({ default: m.GroupSettings })))

const loading = (
  <p className="inspector-summary muted" role="status">
    Loading…
  </p>
)

const MOD = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl+'

/** The group open on the canvas, with nothing inside it selected: its inside's settings. */
function OpenGroupSettings({ group }: { group: MeshNode }) {
  return (
    <>
      <h2 id="inspector-heading" className="panel-heading">
        Inside {group.label} <span className="inspector-kind">group</span>
      </h2>
      <p className="inspector-summary">The mesh inside the group, with its own scheduler. Close the group (Escape) for the outer mesh&rsquo;s settings.</p>
      <Suspense fallback={loading}>
        <GroupSettings node={group} open />
      </Suspense>
    </>
  )
}

export function MeshSettings() {
  const open = useMeshStore((s) => (s.openPath.length ? (groupsAlong(s.document, s.openPath).at(-1) ?? null) : null))
  return open ? <OpenGroupSettings group={open} /> : <OuterSettings />
}

function OuterSettings() {
  const api = useMeshStoreApi()
  const title = useMeshStore((s) => s.document.title)
  const nodeCount = useMeshStore((s) => s.document.nodes.length)
  const writtenPolicy = useMeshStore((s) => s.document.scheduler === 'policy')
  const state = api.getState()
  return (
    <>
      <h2 id="inspector-heading" className="panel-heading">
        Mesh
      </h2>
      <p className="inspector-summary">{nodeCount === 0 ? 'Add a node from the palette to begin.' : 'Select a node to inspect its queue, wiring and coroutine.'}</p>
      {nodeCount > 1 && (
        <p className="inspector-summary">
          Shift-drag on the canvas to select several; <kbd>{MOD}A</kbd> selects them all.
        </p>
      )}
      <section className="inspector-section" aria-label="Mesh settings">
        <CommitField label="Title" value={title} maxLength={200} onCommit={(text) => state.setTitle(text)} />
        <SchedulerControls layout="form" />
      </section>
      {writtenPolicy && (
        <Suspense fallback={loading}>
          <PolicySection />
        </Suspense>
      )}
    </>
  )
}
