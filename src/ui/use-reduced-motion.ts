/** Whether the person asked for less motion (prefers-reduced-motion), kept up to date. */
import { useSyncExternalStore } from 'react'

const QUERY = '(prefers-reduced-motion: reduce)'

function subscribe(onChange: () => void): () => void {
  if (typeof matchMedia === 'undefined') return () => {}
  const query = matchMedia(QUERY)
  query.addEventListener('change', onChange)
  return () => query.removeEventListener('change', onChange)
}

const reduced = () => typeof matchMedia !== 'undefined' && matchMedia(QUERY).matches

export function useReducedMotion(): boolean {
  return useSyncExternalStore(subscribe, reduced, () => false)
}
