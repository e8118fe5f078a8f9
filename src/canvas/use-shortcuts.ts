/**
 * The editor's keyboard shortcuts: undo, redo, copy, paste, duplicate,
 * select all; Escape goes out of an opened group, one level.
 * Keys typed into a text field keep their usual meaning there.
 */
import { useEffect } from 'react'

import { useMeshStoreApi } from '../store/context'

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)
}

export function useEditorShortcuts(): void {
  const api = useMeshStoreApi()
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !event.ctrlKey && !event.metaKey && !event.altKey && !event.defaultPrevented && !isEditable(event.target)) {
        const inDialog = event.target instanceof Element && event.target.closest('dialog, [role="dialog"], [role="menu"]')
        if (!inDialog && api.getState().openPath.length > 0) {
          event.preventDefault()
          api.getState().closeGroup()
        }
        return
      }
      if (!(event.ctrlKey || event.metaKey) || event.altKey || isEditable(event.target)) return
      const key = event.key.toLowerCase()
      const state = api.getState()
      const actions: Record<string, () => void> = {
        z: event.shiftKey ? state.redo : state.undo,
        y: state.redo,
        c: state.copySelection,
        v: state.paste,
        d: state.duplicateSelection,
        // The mesh's nodes and wires, not the page's text.
        a: state.selectAll,
      }
      const action = actions[key]
      if (!action || (event.shiftKey && key !== 'z')) return
      // Text selected on the page is copied as text, not as nodes.
      if (key === 'c' && window.getSelection()?.toString()) return
      event.preventDefault()
      action()
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [api])
}
