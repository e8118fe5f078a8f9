/**
 * The share dialog: the mesh as a link (optionally opening at the current
 * tick), or why it is too large for one and a file instead, and the
 * snippet that embeds it in a page. Loaded only when opened, with the link
 * encoder.
 */
import { useMemo, useRef, useState } from 'react'

import { EMBED_SIZE, embedSnippet } from '../formats/embed'
import { linkOrFile } from '../formats/link'
import { count, type TimelineHistory } from '../engine'
import { useMeshStore, useMeshStoreApi } from '../store/context'
import { saveMeshFile, saveRecording } from './file-actions'
import { CloseButton, Modal } from '../ui/Modal'

async function copyText(text: string, field: HTMLInputElement | HTMLTextAreaElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text)
    return true
  } catch {
    // No clipboard access: select the text, so a keypress copies it.
    field?.select()
    return false
  }
}

export default function ShareDialog({ onClose }: { onClose: () => void }) {
  const api = useMeshStoreApi()
  const document = useMeshStore((s) => s.document)
  const tick = useMeshStore((s) => s.run.tick)
  const [atTick, setAtTick] = useState(false)
  const [status, setStatus] = useState('')
  const linkField = useRef<HTMLInputElement>(null)
  const embedField = useRef<HTMLTextAreaElement>(null)

  const withTick = atTick && tick > 0
  // At a tick, a run done to by hand goes in the link as it was explored, so the link lands on the run shown here.
  const history = useMemo(() => (withTick ? explored(api.getState().runHistory(), tick) : null), [api, withTick, tick])
  const result = useMemo(() => linkOrFile(document, withTick ? { tick, ...(history ? { history } : {}) } : {}), [document, tick, withTick, history])
  const base = `${location.origin}${location.pathname}`
  const link = result.ok ? `${base}${result.link}` : ''
  const snippet = result.ok ? embedSnippet(base, result.link) : ''
  const handActions = history ? history.entries.filter((entry) => entry.action !== null).length : 0

  const copy = async (what: 'link' | 'embed') => {
    const copied = await copyText(what === 'link' ? link : snippet, what === 'link' ? linkField.current : embedField.current)
    const name = what === 'link' ? 'Link' : 'Embed code'
    setStatus(copied ? `${name} copied to the clipboard.` : `${name} selected: press Ctrl+C (⌘C) to copy it.`)
  }

  return (
    <Modal labelledBy="share-heading" onClose={onClose} className="share-dialog">
      <CloseButton label="Close share dialog" />
      <h2 id="share-heading">Share this mesh</h2>
      <p className="modal-lead">The link holds the whole mesh: its nodes, wires, inputs, scheduler and seed. Nothing is uploaded.</p>
      {result.ok ? (
        <>
          <div className="share-row">
            <label htmlFor="share-link">Link</label>
            <input id="share-link" ref={linkField} readOnly value={link} aria-describedby="share-link-length" onFocus={(e) => e.target.select()} />
            <button type="button" className="primary" onClick={() => void copy('link')}>
              Copy link
            </button>
          </div>
          <p id="share-link-length" className="share-hint">
            {count(link.length)} characters
          </p>
        </>
      ) : (
        <div className="share-too-long" role="alert">
          <p>{result.reason}</p>
          {history ? (
            <button type="button" className="primary" onClick={() => void saveRecording(api)}>
              Save recording
            </button>
          ) : (
            <button type="button" className="primary" onClick={() => saveMeshFile(document)}>
              Save as file
            </button>
          )}
        </div>
      )}
      <label className="share-check">
        <input type="checkbox" checked={atTick} disabled={tick === 0} onChange={(e) => setAtTick(e.target.checked)} />
        Open at the current tick{tick > 0 ? ` (tick ${count(tick)})` : ''}
      </label>
      {history && (
        <p className="share-note">
          The link carries what was done to this run by hand up to tick {count(tick)} ({handActions === 1 ? '1 action or edit' : `${count(handActions)} actions and edits`}), so it
          opens on the run you see.
        </p>
      )}
      {result.ok && (
        <>
          <h3>Embed in a page</h3>
          <p className="share-hint" id="share-embed-hint">
            Shows the canvas and the run controls only, read-only, {EMBED_SIZE.width}×{EMBED_SIZE.height}: for slides and course pages.
          </p>
          <textarea
            ref={embedField}
            className="share-embed"
            readOnly
            rows={3}
            value={snippet}
            aria-label="Embed code"
            aria-describedby="share-embed-hint"
            onFocus={(e) => e.target.select()}
          />
          <div className="button-row">
            <button type="button" onClick={() => void copy('embed')}>
              Copy embed code
            </button>
          </div>
        </>
      )}
      <p className="share-status" role="status">
        {status}
      </p>
    </Modal>
  )
}

/** The run's history up to `tick`, if anything was done to it by hand by then (a send, a Tasklet call, an edit after tick 0): what a link at that tick must carry. */
function explored(history: TimelineHistory, tick: number): TimelineHistory | null {
  const acted = history.entries.some((entry) => entry.tick <= tick && entry.action !== null && (entry.action.type !== 'update' || entry.tick > 0))
  return acted ? history : null
}
