/**
 * Asking before code from elsewhere runs: a bar while the mesh carries code
 * that has not been allowed to run (code nodes', or the written policy that
 * schedules it), and the dialog that shows that code, node by node and the
 * policy, read-only, with the choice to run it.
 */
import { lazy, Suspense } from 'react'

import { useMeshStore, useMeshStoreApi } from '../store/context'
import { useUntrusted, useUntrustedPolicy } from './untrusted'
import '../sharing/sharing.css'
import './consent.css'

// The dialog, with its view of the code, loads when the person first asks to review the code.
const ReviewDialog = lazy(() => import('./ReviewDialog').then((m) => ({ default: m.ReviewDialog })))

export function CodeConsent() {
  const api = useMeshStoreApi()
  const open = useMeshStore((s) => s.codeReviewOpen)
  const nodes = useUntrusted().length
  const policy = useUntrustedPolicy() !== null
  const count = nodes + (policy ? 1 : 0)
  return (
    <>
      {count > 0 && (
        <div className="consent-bar" role="region" aria-label="Code not yet allowed to run">
          <span>
            This mesh carries code from elsewhere ({[nodes > 0 && `${nodes} ${nodes === 1 ? 'node' : 'nodes'}`, policy && 'its written policy'].filter(Boolean).join(' and ')}) that has
            not been allowed to run.
          </span>
          <button type="button" onClick={() => api.getState().setCodeReviewOpen(true)}>
            Review code…
          </button>
        </div>
      )}
      {open && count > 0 && (
        <Suspense
          fallback={
            <p role="status" className="muted">
              Loading…
            </p>
          }
        >
          <ReviewDialog />
        </Suspense>
      )}
    </>
  )
}
