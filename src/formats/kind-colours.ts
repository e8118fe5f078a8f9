/**
 * Each node kind's colour, as its card on the canvas shows it (the card's
 * left edge, `--kind` in canvas.css; a test keeps the two the same), so a
 * chart's line or a node in the mesh's picture has the colour of the card it is about.
 */
import type { NodeKind } from '../engine'

export const KIND_COLOURS: Readonly<Record<NodeKind, string>> = {
  start: '#0ea5e9',
  branch: '#8b5cf6',
  doubler: '#6366f1',
  tripler: '#f59e0b',
  recycler: '#10b981',
  sink: '#64748b',
  echoer: '#ec4899',
  code: '#14b8a6',
  group: '#a16207',
}

/** A node the mesh no longer has (deleted during the run), whose line or lane the run still shows. */
export const GONE_COLOUR = '#94a3b8'

/** Lines of nodes of the same kind share its colour and differ in dashes: solid, dashed, dotted, dash-dot. */
export const LINE_DASHES: readonly string[] = ['', '7 4', '2 3', '9 3 2 3']
