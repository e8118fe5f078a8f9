/**
 * The run controls: step, play at a speed, run to the end, reset, step
 * back and the timeline; the scheduler, its mode and the seed; where the run
 * stands; and the keyboard shortcuts, listed in a dialog opened with `?`.
 */
import { useCallback, useState } from 'react'

import type { StopReason } from '../engine'
import { handStatus } from '../panels/HandBar'
import { HelpDialog } from '../panels/HelpDialog'
import { SchedulerControls } from '../panels/SchedulerControls'
import { SpeedControl } from '../panels/SpeedControl'
import { speedText } from '../runner/speeds'
import { TimelineScrubber } from '../panels/TimelineScrubber'
import { TransportControls } from '../panels/TransportControls'
import { useRunShortcuts } from '../panels/use-run-shortcuts'
import { useMeshStore } from '../store/context'
import type { MeshState } from '../store/mesh-store'
import '../panels/run.css'

/** Why the run stopped, in a few words; scheduled by hand, waiting is the person's turn. */
const HALTED: Record<StopReason, string> = {
  budget: 'Stopped: the activation budget is spent',
  'queue-cap': 'Stopped: a queue is full',
  policy: 'Stopped by the policy',
  pick: 'Your turn: pick a tasklet',
}

/** Where the run stands, in a few words. */
export function statusText(s: MeshState): string {
  const { status, halt, nextUp } = s.run
  if (s.player.activity === 'running') return 'Running…'
  if (s.player.activity === 'playing') return `Playing at ${speedText(s.player.speed)}`
  if (s.breakpointHit) return `Paused at a breakpoint: ${s.breakpointHit.message}`
  const hand = handStatus(s.run, s.document)
  if (hand) return hand
  if (status === 'halted') {
    if (halt === 'policy') return `Stopped: ${s.run.haltDetail ?? 'the policy stopped the run'}`
    return HALTED[halt ?? 'budget']
  }
  if (status === 'idle') return 'No work left'
  const label = nextUp ? (s.document.nodes.find((n) => n.id === nextUp)?.label ?? nextUp) : null
  return `${status === 'ready' ? 'Ready' : 'Paused'}${label ? `, next up: ${label}` : ''}`
}

function RunStatus() {
  const text = useMeshStore(statusText)
  // Waiting for the person's pick is their turn, shown as one (not as a stop).
  const status = useMeshStore((s) => (s.breakpointHit ? 'breakpoint' : s.run.halt === 'pick' ? 'turn' : s.run.status))
  return (
    <p className="run-status-text" data-status={status} role="status" title={text}>
      {text}
    </p>
  )
}

/** Shown while code nodes have rewired the run: makes the run's wires the document's (one undoable edit). */
function KeepMesh() {
  const rewired = useMeshStore((s) => s.run.wires !== null && !s.readOnly)
  const keep = useMeshStore((s) => s.keepRunMesh)
  if (!rewired) return null
  return (
    <button type="button" className="run-keep-mesh" title="The run's code rewired the mesh: make its wires your document's (undoable)" onClick={keep}>
      Keep the mesh as it is now
    </button>
  )
}

export function RunToolbar() {
  const [helpOpen, setHelpOpen] = useState(false)
  const openHelp = useCallback(() => setHelpOpen(true), [])
  const closeHelp = useCallback(() => setHelpOpen(false), [])
  useRunShortcuts(openHelp)
  return (
    <div className="toolbar run-toolbar" role="toolbar" aria-label="Run">
      <TransportControls />
      <SpeedControl />
      <TimelineScrubber />
      <SchedulerControls layout="toolbar" />
      <RunStatus />
      <KeepMesh />
      <button type="button" className="run-help" aria-label="Keyboard shortcuts" aria-keyshortcuts="?" title="Keyboard shortcuts (?)" onClick={openHelp}>
        ?
      </button>
      <HelpDialog open={helpOpen} onClose={closeHelp} />
    </div>
  )
}
