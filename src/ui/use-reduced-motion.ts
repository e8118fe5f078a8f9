/** Whether the person asked for less motion (prefers-reduced-motion), kept up to date. */
import { useSyncExternalStore } from 'react'

const QUERY = '(prefers-reduced-motion: reduce)'

/**
 * One query for the page, made on first use: every wire reads it at every
 * render, and a `matchMedia` call each time cost a big mesh's play more than
 * its wires' own drawing.
 */
let query: MediaQueryList | null | undefined

function theQuery(): MediaQueryList | null {
  if (query === undefined) query = typeof matchMedia === 'undefined' ? null : matchMedia(QUERY)
  return query
}

function subscribe(onChange: () => void): () => void {
  const media = theQuery()
  if (!media) return () => {}
  media.addEventListener('change', onChange)
  return () => media.removeEventListener('change', onChange)
}

const reduced = () => theQuery()?.matches ?? false

export function useReducedMotion(): boolean {
  return useSyncExternalStore(subscribe, reduced, () => false)
}
