/**
 * Asking before code from elsewhere runs: a bar while the mesh carries code
 * that has not been allowed to run, and the dialog that shows that code,
 * node by node, read-only, with the choice to run it.
 */
import { useId } from 'react'
import { useShallow } from 'zustand/react/shallow'

import { CloseButton, Modal } from '../sharing/Modal'
import { useMeshStore, useMeshStoreApi } from '../store/context'
import '../sharing/sharing.css'
import './consent.css'

function useUntrusted() {
  return useMeshStore(
    useShallow((s) => {
      // Reading codeTrust makes the list follow trust as well as the document.
      void s.codeTrust
      return s.untrustedCode()
    }),
  )
}

function ReviewDialog() {
  const api = useMeshStoreApi()
  const id = useId()
  const nodes = useUntrusted()
  const close = () => api.getState().setCodeReviewOpen(false)
  return (
    <Modal labelledBy={`${id}-heading`} onClose={close} className="consent-dialog">
      <CloseButton label="Close without running the code" />
      <h2 id={`${id}-heading`}>Run the code in this mesh?</h2>
      <p className="modal-lead">
        This mesh came with code written by someone else. It runs in a sandbox, away from this page and without network access, but run it only
        if you have read it and trust it. Until then its {nodes.length === 1 ? 'node stays' : `${nodes.length} nodes stay`} closed.
      </p>
      {nodes.map((node) => (
        <section key={node.id} className="consent-node" aria-labelledby={`${id}-${node.id}`}>
          <h3 id={`${id}-${node.id}`}>
            {node.label} <span className="consent-id">({node.id})</span>
          </h3>
          <pre tabIndex={0} aria-label={`Code of ${node.label}`}>
            <code>{node.code?.source}</code>
          </pre>
        </section>
      ))}
      <div className="consent-actions">
        <button type="button" onClick={close}>
          Not now
        </button>
        <button type="button" className="primary" onClick={() => api.getState().allowDocumentCode()}>
          Run the code
        </button>
      </div>
    </Modal>
  )
}

export function CodeConsent() {
  const api = useMeshStoreApi()
  const open = useMeshStore((s) => s.codeReviewOpen)
  const count = useUntrusted().length
  return (
    <>
      {count > 0 && (
        <div className="consent-bar" role="region" aria-label="Code not yet allowed to run">
          <span>
            This mesh carries code from elsewhere ({count} {count === 1 ? 'node' : 'nodes'}) that has not been allowed to run.
          </span>
          <button type="button" onClick={() => api.getState().setCodeReviewOpen(true)}>
            Review code…
          </button>
        </div>
      )}
      {open && count > 0 && <ReviewDialog />}
    </>
  )
}
