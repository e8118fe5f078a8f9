/**
 * Keeps the document in localStorage: saved a moment after each change and
 * read back on the next visit. What is read is parsed as untrusted input;
 * data that is corrupt or from something else is set aside, never trusted
 * and never the cause of a blank page.
 */
import { parseDocumentText, type MeshDocument } from '../engine'
import type { MeshStore } from './mesh-store'

/** Versioned: a future layout of saved data gets a new key and reads this one as an old version. */
export const STORAGE_KEY = 'mesh-playground:document:v1'
/** Unreadable data found under a key is moved to `${key}:unreadable`, so nothing overwrites it before someone can look at it. */
export const UNREADABLE_KEY = `${STORAGE_KEY}:unreadable`
export const AUTOSAVE_DELAY_MS = 400

export interface Restored {
  /** The saved document, or null when there is none or it could not be read. */
  document: MeshDocument | null
  /** Why the saved data was not used, for a notice. */
  problem: string | null
}

/** Reads the saved document; never throws. */
export function restoreDocument(storage: Storage | null, key = STORAGE_KEY): Restored {
  let text: string | null
  try {
    text = storage?.getItem(key) ?? null
  } catch {
    return { document: null, problem: null }
  }
  if (text === null) return { document: null, problem: null }
  const parsed = parseDocumentText(text)
  if (parsed.ok) return { document: parsed.document, problem: null }
  try {
    storage?.setItem(`${key}:unreadable`, text)
    storage?.removeItem(key)
  } catch {
    // Storage refused: the autosave will overwrite it, which is all that can be done.
  }
  return { document: null, problem: parsed.errors[0] ?? 'unknown problem' }
}

/**
 * Saves the store's document AUTOSAVE_DELAY_MS after it last changed (and at
 * once when the page is hidden). Returns a function that stops, saving first
 * what is pending.
 */
export function attachAutosave(store: MeshStore, storage: Storage, { key = STORAGE_KEY, delay = AUTOSAVE_DELAY_MS } = {}): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null
  let pending: MeshDocument | null = null
  let warned = false

  const save = () => {
    if (timer) clearTimeout(timer)
    timer = null
    if (!pending) return
    const document = pending
    pending = null
    try {
      storage.setItem(key, JSON.stringify(document))
    } catch (e) {
      if (warned) return
      warned = true
      const reason = e instanceof Error ? e.message : String(e)
      store.getState().notify({ key: 'autosave', tone: 'warning', text: `Your mesh could not be saved in this browser (${reason}).` })
    }
  }

  const unsubscribe = store.subscribe((state, previous) => {
    if (state.document === previous.document) return
    pending = state.document
    if (timer) clearTimeout(timer)
    timer = setTimeout(save, delay)
  })
  const onHide = () => save()
  globalThis.addEventListener?.('pagehide', onHide)
  return () => {
    unsubscribe()
    globalThis.removeEventListener?.('pagehide', onHide)
    save()
  }
}
