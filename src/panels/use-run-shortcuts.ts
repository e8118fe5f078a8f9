/**
 * Listens for the run's keyboard shortcuts on the whole page. Keys keep
 * their usual meaning where they have one: typing in a field, Space on a
 * button, arrows in a tab list or on a focused node (React Flow moves it).
 */
import { useEffect } from 'react'

import { useMeshStoreApi } from '../store/context'
import { HELP_KEY, RUN_SHORTCUTS } from './shortcuts'

const NAVIGATION_KEYS = new Set(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End', ' '])

/** Whether the focused element uses this key itself. */
export function keyBelongsToTarget(target: EventTarget | null, key: string): boolean {
  if (!(target instanceof HTMLElement)) return false
  if (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) return true
  if (key === ' ' && ['BUTTON', 'A', 'SUMMARY'].includes(target.tagName)) return true
  if (NAVIGATION_KEYS.has(key) && target.closest('[role="tablist"], [role="tab"], .react-flow__node, .react-flow__edge, [role="listbox"], [role="grid"]')) return true
  // A dialog is a world of its own while open.
  return target.closest('dialog[open]') !== null
}

export function useRunShortcuts(onHelp: () => void): void {
  const api = useMeshStoreApi()
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return
      if (keyBelongsToTarget(event.target, event.key)) return
      if (event.key === HELP_KEY) {
        event.preventDefault()
        onHelp()
        return
      }
      const state = api.getState()
      const shortcut = RUN_SHORTCUTS.find((s) => s.matches(event) && (s.when?.(state) ?? true))
      if (!shortcut) return
      event.preventDefault()
      shortcut.run(state, event)
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [api, onHelp])
}
