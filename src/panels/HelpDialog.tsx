/** The keyboard shortcuts, in a modal dialog opened with `?`. */
import { useEffect, useRef } from 'react'

import { HELP_KEY, RUN_SHORTCUTS } from './shortcuts'

const EDITOR_SHORTCUTS: { keys: string[]; does: string }[] = [
  { keys: ['Ctrl+Z'], does: 'Undo an edit' },
  { keys: ['Ctrl+Shift+Z', 'Ctrl+Y'], does: 'Redo' },
  { keys: ['Ctrl+C', 'Ctrl+V'], does: 'Copy and paste nodes' },
  { keys: ['Ctrl+D'], does: 'Duplicate the selected nodes' },
  { keys: ['Delete'], does: 'Delete the selection' },
  { keys: ['Arrows'], does: 'Move the focused node' },
]

function Keys({ keys }: { keys: string[] }) {
  return (
    <>
      {keys.map((k, i) => (
        <span key={k}>
          {i > 0 && <span className="muted"> or </span>}
          <kbd>{k}</kbd>
        </span>
      ))}
    </>
  )
}

function ShortcutTable({ caption, rows }: { caption: string; rows: readonly { keys: string[]; does: string }[] }) {
  return (
    <table className="shortcut-table">
      <caption>{caption}</caption>
      <tbody>
        {rows.map((row) => (
          <tr key={row.does}>
            <th scope="row">
              <Keys keys={row.keys} />
            </th>
            <td>{row.does}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

export function HelpDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    const element = dialog.current
    if (!element) return
    if (open && !element.open) element.showModal()
    else if (!open && element.open) element.close()
  }, [open])
  return (
    <dialog ref={dialog} className="help-dialog" aria-labelledby="help-title" onClose={onClose}>
      <div className="help-head">
        <h2 id="help-title">Keyboard shortcuts</h2>
        <button type="button" className="help-close" onClick={onClose} aria-label="Close">
          ×
        </button>
      </div>
      <p className="muted">
        Run shortcuts work anywhere but in a text field. Press <kbd>{HELP_KEY}</kbd> to see this again.
      </p>
      <div className="help-columns">
        <ShortcutTable caption="Running" rows={RUN_SHORTCUTS} />
        <ShortcutTable caption="Editing" rows={EDITOR_SHORTCUTS} />
      </div>
    </dialog>
  )
}
