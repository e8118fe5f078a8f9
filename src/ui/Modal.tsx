/**
 * A modal dialog on the native <dialog>: the browser keeps focus inside and
 * the page behind inert, Escape closes it, and focus goes back to where it
 * was. Clicking the backdrop closes it too.
 */
import { useEffect, useRef, type ReactNode } from 'react'

interface ModalProps {
  /** The id of the dialog's heading, which names it. */
  labelledBy: string
  onClose: () => void
  className?: string
  children: ReactNode
}

export function Modal({ labelledBy, onClose, className, children }: ModalProps) {
  const dialog = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    const opener = document.activeElement
    const element = dialog.current
    if (element && !element.open) element.showModal()
    return () => {
      if (opener instanceof HTMLElement && opener.isConnected) opener.focus()
    }
  }, [])
  return (
    <dialog
      ref={dialog}
      className={className ? `modal ${className}` : 'modal'}
      aria-labelledby={labelledBy}
      onClose={onClose}
      // The dialog's own box is covered by its content: a click on the dialog itself is on the backdrop.
      onClick={(event) => event.target === event.currentTarget && dialog.current?.close()}
    >
      <div className="modal-body">{children}</div>
    </dialog>
  )
}

/** The dialog's close button, top right. */
export function CloseButton({ label }: { label: string }) {
  return (
    <form method="dialog" className="modal-close">
      <button type="submit" aria-label={label}>
        ×
      </button>
    </form>
  )
}
