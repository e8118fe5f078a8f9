/**
 * The dialog that shows the code a mesh came with, node by node and the
 * policy, read-only, with the choice to run it. Loaded when it is first
 * opened (CodeConsent.tsx).
 */
import { useId } from 'react'

import { countHiddenChars, hiddenCharMarker, hiddenCharName, splitHidden } from '../engine'
import { CloseButton, Modal } from '../ui/Modal'
import { useMeshStoreApi } from '../store/context'
import { useUntrusted, useUntrustedPolicy } from './untrusted'

/** What stays as it is until the person agrees: "its node stays closed", "its written policy does not run, and the run stays stopped". */
function untilThen(nodes: number, policy: boolean): string {
  const closed = nodes === 0 ? '' : nodes === 1 ? 'its node stays closed' : `its ${nodes} nodes stay closed`
  if (!policy) return closed
  return closed ? `${closed} and its written policy does not run` : 'its written policy does not run, and the run stays stopped'
}

/**
 * Code as text, with each invisible or direction-changing character shown
 * as a marker (`<U+202E>`) instead of acting on the text around it: a
 * "Trojan Source" bidi override could otherwise make a guarded send read as
 * if it were commented out, or the other way round.
 */
function CodeText({ source }: { source: string }) {
  return (
    <code>
      {splitHidden(source).map((piece, i) =>
        piece.hidden ? (
          <mark key={i} className="hidden-char" title={hiddenCharName(piece.code)}>
            {hiddenCharMarker(piece.code)}
          </mark>
        ) : (
          piece.text
        ),
      )}
    </code>
  )
}

function HiddenWarning({ count }: { count: number }) {
  if (count === 0) return null
  return (
    <p className="consent-hidden-warning" role="note">
      This code contains {count} invisible or direction-changing {count === 1 ? 'character' : 'characters'}, shown as <code>&lt;U+…&gt;</code>. They can make code look different from
      what it does: do not run it unless you know why they are there.
    </p>
  )
}

export function ReviewDialog() {
  const api = useMeshStoreApi()
  const id = useId()
  const nodes = useUntrusted()
  const policy = useUntrustedPolicy()
  const close = () => api.getState().setCodeReviewOpen(false)
  return (
    <Modal labelledBy={`${id}-heading`} onClose={close} className="consent-dialog">
      <CloseButton label="Close without running the code" />
      <h2 id={`${id}-heading`}>Run the code in this mesh?</h2>
      <p className="modal-lead">
        This mesh came with code written by someone else. It runs in a sandbox, away from this page and without network access, but run it only if you have read it and trust it. Until
        then {untilThen(nodes.length, policy !== null)}.
      </p>
      {policy && (
        <section className="consent-node" aria-labelledby={`${id}-policy`}>
          <h3 id={`${id}-policy`}>
            The written policy: {policy.name} <span className="consent-id">(it chooses which tasklet runs next)</span>
          </h3>
          <HiddenWarning count={countHiddenChars(policy.source)} />
          <pre tabIndex={0} aria-label={`Code of the policy ${policy.name}`}>
            <CodeText source={policy.source} />
          </pre>
        </section>
      )}
      {nodes.map((node) => (
        <section key={node.id} className="consent-node" aria-labelledby={`${id}-${node.id}`}>
          <h3 id={`${id}-${node.id}`}>
            {node.label} <span className="consent-id">({node.id})</span>
          </h3>
          <HiddenWarning count={countHiddenChars(node.code?.source ?? '')} />
          <pre tabIndex={0} aria-label={`Code of ${node.label}`}>
            <CodeText source={node.code?.source ?? ''} />
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
