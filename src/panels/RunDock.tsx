/**
 * The run's panels, docked under the canvas as tabs: the scheduler, sink
 * output, trace, stats, queue chart, lanes, breakpoints, compare and watches. Only the open
 * tab renders; the bigger ones load when first opened.
 */
import { lazy, Suspense, useRef, useState, type KeyboardEvent, type ReactNode } from 'react'

import { useMeshStore } from '../store/context'
import { lessonStep } from '../store/lesson-slice'
import { OutputPanel } from './OutputPanel'
import { SchedulerPanel } from './SchedulerPanel'
import './dock.css'

const TracePanel = lazy(() => import('./TracePanel').then((m) => ({ default: m.TracePanel })))
const StatsPanel = lazy(() => import('./StatsPanel').then((m) => ({ default: m.StatsPanel })))
const QueueChart = lazy(() => import('./QueueChart').then((m) => ({ default: m.QueueChart })))
const LanesPanel = lazy(() => import('./LanesPanel').then((m) => ({ default: m.LanesPanel })))
const BreakpointsPanel = lazy(() => import('./BreakpointsPanel').then((m) => ({ default: m.BreakpointsPanel })))
const ComparePanel = lazy(() => import('./ComparePanel').then((m) => ({ default: m.ComparePanel })))
const WatchPanel = lazy(() => import('./WatchPanel').then((m) => ({ default: m.WatchPanel })))
const WhatIfPanel = lazy(() => import('./WhatIfPanel').then((m) => ({ default: m.WhatIfPanel })))

export type DockTab = 'scheduler' | 'output' | 'trace' | 'stats' | 'queues' | 'lanes' | 'breakpoints' | 'compare' | 'watch' | 'what-if'

/** `tall`: the panel needs more height than the others (a lane per tasklet; the comparison's lanes, figures and charts), so the dock grows while it is open. */
const TABS: { id: DockTab; label: string; panel: () => ReactNode; tall?: true }[] = [
  { id: 'scheduler', label: 'Scheduler', panel: () => <SchedulerPanel /> },
  { id: 'output', label: 'Output', panel: () => <OutputPanel /> },
  { id: 'trace', label: 'Trace', panel: () => <TracePanel /> },
  { id: 'stats', label: 'Stats', panel: () => <StatsPanel /> },
  { id: 'queues', label: 'Queues', panel: () => <QueueChart /> },
  { id: 'lanes', label: 'Lanes', panel: () => <LanesPanel />, tall: true },
  { id: 'breakpoints', label: 'Breakpoints', panel: () => <BreakpointsPanel /> },
  { id: 'compare', label: 'Compare', panel: () => <ComparePanel />, tall: true },
  { id: 'watch', label: 'Watch', panel: () => <WatchPanel />, tall: true },
  { id: 'what-if', label: 'What if', panel: () => <WhatIfPanel />, tall: true },
]

/** A count beside a tab's name, where one helps. */
function TabBadge({ tab }: { tab: DockTab }) {
  const count = useMeshStore((s) => (tab === 'output' ? s.run.stats.outputs : tab === 'breakpoints' ? s.breakpoints.length : tab === 'watch' ? s.watches.length : 0))
  return count > 0 ? <span className="dock-badge">{count > 999 ? '999+' : count}</span> : null
}

export function RunDock() {
  // A lesson step can open a panel (the compare view for "Side by side").
  const lessonTab = useMeshStore((s) => lessonStep(s)?.opens ?? null)
  const [tab, setTab] = useState<DockTab>(lessonTab ?? 'scheduler')
  const [open, setOpen] = useState(true)
  const [openedFor, setOpenedFor] = useState(lessonTab)
  if (lessonTab !== openedFor) {
    setOpenedFor(lessonTab)
    if (lessonTab) {
      setTab(lessonTab)
      setOpen(true)
    }
  }
  // A what-if asked from elsewhere (a lineage story's "what if it had drawn 2?") shows its answer in its tab.
  const asked = useMeshStore((s) => s.whatIf?.alteration ?? null)
  const [askedFor, setAskedFor] = useState(asked)
  if (asked !== askedFor) {
    setAskedFor(asked)
    if (asked) {
      setTab('what-if')
      setOpen(true)
    }
  }
  const tabs = useRef<Record<string, HTMLButtonElement | null>>({})

  const choose = (id: DockTab) => {
    setTab(id)
    setOpen(true)
    tabs.current[id]?.focus()
  }
  // Arrow keys, Home and End move between tabs, as the ARIA tabs pattern has it.
  const onKeyDown = (event: KeyboardEvent) => {
    const index = TABS.findIndex((t) => t.id === tab)
    const to = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: TABS.length - 1 }[event.key]
    if (to === undefined) return
    event.preventDefault()
    choose(TABS[(to + TABS.length) % TABS.length]!.id)
  }
  const current = TABS.find((t) => t.id === tab)!
  // A story of where an item came from, shown beside the list it was asked from, is read line by line: the dock grows for it as for the lanes.
  const storyHere = useMeshStore((s) => (tab === 'output' ? s.story?.kind === 'output' : tab === 'trace' ? s.story?.kind === 'taken' : false))
  const tall = current.tall || storyHere
  return (
    <section className={!open ? 'run-dock is-closed' : tall ? 'run-dock is-tall' : 'run-dock'} aria-label="Run panels">
      <div className="dock-bar">
        <div className="dock-tabs" role="tablist" aria-label="Run panels" onKeyDown={onKeyDown}>
          {TABS.map((t) => (
            <button
              key={t.id}
              ref={(element) => {
                tabs.current[t.id] = element
              }}
              type="button"
              role="tab"
              id={`dock-tab-${t.id}`}
              aria-selected={t.id === tab}
              aria-controls={open && t.id === tab ? 'dock-panel' : undefined}
              tabIndex={t.id === tab ? 0 : -1}
              onClick={() => choose(t.id)}
            >
              {t.label}
              <TabBadge tab={t.id} />
            </button>
          ))}
        </div>
        {/* A chevron, named for what it does: the tabs keep the bar's width. */}
        <button
          type="button"
          className="dock-toggle"
          aria-expanded={open}
          aria-label={open ? 'Hide panels' : 'Show panels'}
          title={open ? 'Hide panels' : 'Show panels'}
          data-glyph={open ? '▾' : '▴'}
          onClick={() => setOpen(!open)}
        />
      </div>
      {open && (
        <div className="dock-panel" role="tabpanel" id="dock-panel" aria-labelledby={`dock-tab-${tab}`} tabIndex={0}>
          <Suspense fallback={<p className="muted dock-empty">Loading…</p>}>{current.panel()}</Suspense>
        </div>
      )}
    </section>
  )
}
