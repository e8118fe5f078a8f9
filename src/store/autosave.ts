/**
 * Keeps the document in localStorage: saved a moment after each change and
 * read back on the next visit. What is read is parsed as untrusted input;
 * data that is corrupt or from something else is set aside, never trusted
 * and never the cause of a blank page. No save is lost without a word:
 * - a document is saved only once the page has shown it (ShownDocuments),
 *   so one that crashes the page never replaces the last good save;
 * - a save another tab made since this one last read or wrote is never
 *   overwritten silently: the person chooses to load it or keep their own;
 * - a copy that is set aside gets a key of its own (several are kept), and
 *   when storage refuses it, the person is told so and offered a download.
 */
import { parseDocumentText, type MeshDocument } from '../engine'
import type { MeshStore } from './mesh-store'

/** Versioned: a future layout of saved data gets a new key and reads this one as an old version. */
export const STORAGE_KEY = 'mesh-playground:document:v1'
/** Unreadable data found under a key is moved to `${key}:unreadable` (then `:unreadable:2`, …), so nothing overwrites it before someone can look at it. */
export const UNREADABLE_KEY = `${STORAGE_KEY}:unreadable`
export const AUTOSAVE_DELAY_MS = 400
/** How many copies of each kind are kept aside; past that, the person is offered a download instead. */
export const MAX_SET_ASIDE = 10
/** The notice that another tab saved a different mesh. */
export const OTHER_TAB_NOTICE_KEY = 'autosave-other-tab'

/** unreadable: a save that could not be read; crashed: the save Start over set aside; other-tab: a tab's mesh, held while another tab's save was newer, when the tab closed before the person chose. */
export type SetAsideKind = 'unreadable' | 'crashed' | 'other-tab'

/** The keys copies of `kind` go under, oldest first: `${key}:${kind}`, `${key}:${kind}:2`, … */
export function setAsideKeys(kind: SetAsideKind, key = STORAGE_KEY): string[] {
  return Array.from({ length: MAX_SET_ASIDE }, (_, i) => (i === 0 ? `${key}:${kind}` : `${key}:${kind}:${i + 1}`))
}

/**
 * Keeps `text` under the first free key of its kind (or where the same text
 * already is); returns that key, or null when it could not be kept (storage
 * full or refused, or every key taken). Never overwrites a copy.
 */
export function setAside(storage: Storage | null, text: string, kind: SetAsideKind, key = STORAGE_KEY): string | null {
  if (!storage) return null
  try {
    for (const slot of setAsideKeys(kind, key)) {
      const there = storage.getItem(slot)
      if (there === text) return slot
      if (there !== null) continue
      storage.setItem(slot, text)
      return storage.getItem(slot) === text ? slot : null
    }
  } catch {
    // Storage refused (full, or not allowed here).
  }
  return null
}

export interface Restored {
  /** The saved document, or null when there is none or it could not be read. */
  document: MeshDocument | null
  /** Why the saved data was not used, for a notice. */
  problem: string | null
  /** Where the unreadable data was set aside, or null when storage could not keep a copy. */
  keptAs?: string | null
  /** The unreadable data itself, to offer as a download. */
  unreadable?: string
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
  const problem = parsed.errors[0] ?? 'unknown problem'
  const keptAs = setAside(storage, text, 'unreadable', key)
  if (!keptAs) return { document: null, problem, keptAs: null, unreadable: text }
  try {
    storage?.removeItem(key)
  } catch {
    // The copy is kept; the autosave will replace the original.
  }
  return { document: null, problem, keptAs, unreadable: text }
}

/**
 * The documents the page has shown at least once. Autosave keeps only those:
 * a document that crashes the page before it is shown is never saved over
 * the last good one.
 */
export class ShownDocuments {
  private shown = new WeakSet<MeshDocument>()
  private listeners = new Set<(doc: MeshDocument) => void>()

  /** The page has shown `doc` (called from an effect, after React committed it). */
  mark(doc: MeshDocument): void {
    if (this.shown.has(doc)) return
    this.shown.add(doc)
    for (const listener of this.listeners) listener(doc)
  }

  has(doc: MeshDocument): boolean {
    return this.shown.has(doc)
  }

  subscribe(listener: (doc: MeshDocument) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
}

function readItem(storage: Storage, key: string): string | null {
  try {
    return storage.getItem(key)
  } catch {
    return null
  }
}

export interface AutosaveOptions {
  key?: string
  delay?: number
  /** When given, a document is saved only once it has been shown. */
  shown?: ShownDocuments
}

/**
 * Saves the store's document AUTOSAVE_DELAY_MS after it last changed (and at
 * once when the page is hidden), unless another tab saved a different mesh
 * since this one last read or wrote the save: then it asks. Returns a
 * function that stops, saving first what is pending.
 */
export function attachAutosave(store: MeshStore, storage: Storage, { key = STORAGE_KEY, delay = AUTOSAVE_DELAY_MS, shown }: AutosaveOptions = {}): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null
  let pending: MeshDocument | null = null
  let warned = false
  /** The save as this tab last read or wrote it: anything else there came from another tab. */
  let known = readItem(storage, key)
  /** Another tab's save, not yet loaded or overruled: this tab holds its own until the person chooses. */
  let theirs: string | null = null

  const write = (document: MeshDocument) => {
    const text = JSON.stringify(document)
    try {
      storage.setItem(key, text)
      known = text
    } catch (e) {
      if (warned) return
      warned = true
      const reason = e instanceof Error ? e.message : String(e)
      store.getState().notify({ key: 'autosave', tone: 'warning', text: `Your mesh could not be saved in this browser (${reason}).` })
    }
  }

  const askAboutOtherTab = (text: string) => {
    theirs = text
    store.getState().notify({
      key: OTHER_TAB_NOTICE_KEY,
      tone: 'warning',
      text: 'Another tab saved a different mesh. Load it here, or keep the mesh in this tab (that replaces the other tab’s save).',
      actions: [
        { label: 'Load the other tab’s mesh', run: loadTheirs },
        { label: 'Keep this tab’s mesh', run: keepMine },
      ],
    })
  }

  const settled = () => {
    theirs = null
    const notice = store.getState().notices.find((n) => n.key === OTHER_TAB_NOTICE_KEY)
    if (notice) store.getState().dismissNotice(notice.id)
  }

  function loadTheirs() {
    const text = readItem(storage, key) ?? theirs
    const parsed = text === null ? null : parseDocumentText(text)
    settled()
    if (!parsed?.ok) {
      store.getState().notify({ key: 'autosave', tone: 'warning', text: 'The other tab’s mesh could not be read, so this tab keeps its own.' })
      return keepMine()
    }
    known = text
    store.getState().openMesh(parsed.document)
    store.getState().notify({ key: 'autosave', tone: 'info', text: 'Loaded the mesh the other tab saved. Undo brings back the one this tab had.' })
    // Opening it changed the document: that is the save as it is, nothing new to write.
    pending = null
    if (timer) clearTimeout(timer)
    timer = null
  }

  function keepMine() {
    settled()
    // The person chose: the other tab's save is known now, and this tab's replaces it.
    known = readItem(storage, key)
    pending = store.getState().document
    save()
  }

  const save = () => {
    if (timer) clearTimeout(timer)
    timer = null
    if (!pending || theirs !== null) return
    if (shown && !shown.has(pending)) return
    const current = readItem(storage, key)
    if (current !== known && current !== null && current !== JSON.stringify(pending)) return askAboutOtherTab(current)
    const document = pending
    pending = null
    write(document)
  }

  const unsubscribe = store.subscribe((state, previous) => {
    if (state.document === previous.document) return
    pending = state.document
    if (timer) clearTimeout(timer)
    timer = setTimeout(save, delay)
  })
  const stopWatching = shown?.subscribe((doc) => {
    if (doc === pending && !timer) save()
  })
  /** The tab goes (or stops saving) with its own mesh held against another tab's save: keep both. */
  const keepBoth = () => {
    if (theirs === null) return
    const mine = JSON.stringify(store.getState().document)
    if (mine !== readItem(storage, key)) setAside(storage, mine, 'other-tab', key)
  }
  const onHide = () => (theirs === null ? save() : keepBoth())
  /** Another tab saved (the event fires in every other tab of this origin). */
  const onStorage = (event: StorageEvent) => {
    if (event.key !== key || (event.storageArea && event.storageArea !== storage) || event.newValue === null || event.newValue === known) return
    if (event.newValue === JSON.stringify(store.getState().document)) {
      known = event.newValue
      return
    }
    askAboutOtherTab(event.newValue)
  }
  globalThis.addEventListener?.('pagehide', onHide)
  globalThis.addEventListener?.('storage', onStorage)
  return () => {
    unsubscribe()
    stopWatching?.()
    globalThis.removeEventListener?.('pagehide', onHide)
    globalThis.removeEventListener?.('storage', onStorage)
    if (theirs === null) save()
    else keepBoth()
  }
}
