import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { attachAutosave, AUTOSAVE_DELAY_MS, MAX_SET_ASIDE, OTHER_TAB_NOTICE_KEY, restoreDocument, setAside, ShownDocuments, STORAGE_KEY, UNREADABLE_KEY } from './autosave'
import { createMeshStore } from './mesh-store'
import { chainDocument } from '../engine/testing'
import { MemoryStorage } from './testing'

describe('autosave', () => {
  let storage: MemoryStorage
  beforeEach(() => {
    storage = new MemoryStorage()
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('saves the document a moment after the last edit, and restores it', () => {
    const store = createMeshStore({ document: chainDocument() })
    const stop = attachAutosave(store, storage)
    store.getState().setLabel('d', 'twice')
    store.getState().moveNodes({ d: { x: 220, y: 10 } })
    expect(storage.getItem(STORAGE_KEY)).toBeNull()
    vi.advanceTimersByTime(AUTOSAVE_DELAY_MS)
    stop()
    const restored = restoreDocument(storage)
    expect(restored.problem).toBeNull()
    expect(restored.document).toEqual(store.getState().document)
    expect(restored.document!.nodes[1]).toMatchObject({ label: 'twice', position: { x: 220, y: 10 } })
  })

  it('saves what is pending when it stops', () => {
    const store = createMeshStore({ document: chainDocument() })
    const stop = attachAutosave(store, storage)
    store.getState().setLabel('d', 'twice')
    stop()
    expect(restoreDocument(storage).document!.nodes[1]!.label).toBe('twice')
  })

  it('finds nothing on a first visit', () => {
    expect(restoreDocument(storage)).toEqual({ document: null, problem: null })
  })

  it('sets corrupt data aside and says why', () => {
    storage.setItem(STORAGE_KEY, '{"format": "mesh-playground", "version": 1, "nodes": [{"id": "x", "kind": "teleporter"}]')
    const restored = restoreDocument(storage)
    expect(restored.document).toBeNull()
    expect(restored.problem).toMatch(/not valid JSON/)
    expect(storage.getItem(STORAGE_KEY)).toBeNull()
    expect(storage.getItem(UNREADABLE_KEY)).toMatch(/teleporter/)
  })

  it('refuses data from something else, or a document that does not check out', () => {
    storage.setItem(STORAGE_KEY, JSON.stringify({ todos: ['milk'] }))
    expect(restoreDocument(storage).problem).toMatch(/not a mesh document/)
    storage.setItem(STORAGE_KEY, JSON.stringify({ ...chainDocument(), edges: [{ source: 'a', port: 'left', target: 'd' }] }))
    expect(restoreDocument(storage).problem).toMatch(/start has no port "left"/)
  })

  it('tells the person once when the browser refuses to save', () => {
    const store = createMeshStore({ document: chainDocument() })
    attachAutosave(store, storage)
    storage.failWrites = true
    store.getState().setLabel('d', 'one')
    vi.advanceTimersByTime(AUTOSAVE_DELAY_MS)
    store.getState().setLabel('d', 'two')
    vi.advanceTimersByTime(AUTOSAVE_DELAY_MS)
    expect(store.getState().notices.map((n) => n.text)).toEqual([expect.stringMatching(/could not be saved.*QuotaExceededError/)])
  })

  it('keeps every unreadable save it sets aside: a second one does not overwrite the first', () => {
    storage.setItem(STORAGE_KEY, 'first broken save')
    expect(restoreDocument(storage)).toMatchObject({ keptAs: UNREADABLE_KEY })
    storage.setItem(STORAGE_KEY, 'second broken save')
    expect(restoreDocument(storage)).toMatchObject({ keptAs: `${UNREADABLE_KEY}:2`, unreadable: 'second broken save' })
    expect(storage.getItem(UNREADABLE_KEY)).toBe('first broken save')
    expect(storage.getItem(`${UNREADABLE_KEY}:2`)).toBe('second broken save')
  })

  it('says honestly when full storage cannot keep a copy, and hands the data back to offer as a download', () => {
    storage.setItem(STORAGE_KEY, 'broken save')
    storage.failWrites = true
    const restored = restoreDocument(storage)
    expect(restored).toMatchObject({ document: null, keptAs: null, unreadable: 'broken save' })
    expect(storage.getItem(UNREADABLE_KEY)).toBeNull()
  })

  it('does not set aside more than it has room for, and never over a copy', () => {
    for (let i = 0; i < MAX_SET_ASIDE; i++) expect(setAside(storage, `copy ${i}`, 'crashed')).not.toBeNull()
    expect(setAside(storage, 'one too many', 'crashed')).toBeNull()
    expect(setAside(storage, 'copy 3', 'crashed')).toBe(`${STORAGE_KEY}:crashed:4`)
    expect(storage.getItem(`${STORAGE_KEY}:crashed`)).toBe('copy 0')
  })

  describe('with the page watching what it shows', () => {
    it('saves a document only once the page has shown it, so one that crashed the page never replaces the last good save', () => {
      const shown = new ShownDocuments()
      const store = createMeshStore({ document: chainDocument() })
      storage.setItem(STORAGE_KEY, JSON.stringify(store.getState().document))
      const good = storage.getItem(STORAGE_KEY)
      const stop = attachAutosave(store, storage, { shown })
      store.getState().setLabel('d', 'never shown')
      vi.advanceTimersByTime(AUTOSAVE_DELAY_MS * 3)
      stop()
      expect(storage.getItem(STORAGE_KEY)).toBe(good)
    })

    it('saves the document as soon as it is shown, when its moment came before', () => {
      const shown = new ShownDocuments()
      const store = createMeshStore({ document: chainDocument() })
      attachAutosave(store, storage, { shown })
      store.getState().setLabel('d', 'shown late')
      vi.advanceTimersByTime(AUTOSAVE_DELAY_MS)
      expect(storage.getItem(STORAGE_KEY)).toBeNull()
      shown.mark(store.getState().document)
      expect(restoreDocument(storage).document!.nodes[1]!.label).toBe('shown late')
    })
  })

  describe('with two tabs', () => {
    function twoTabs() {
      storage.setItem(STORAGE_KEY, JSON.stringify(chainDocument()))
      const mine = createMeshStore({ document: restoreDocument(storage).document! })
      const theirs = createMeshStore({ document: restoreDocument(storage).document! })
      const stopMine = attachAutosave(mine, storage)
      attachAutosave(theirs, storage)
      return { mine, theirs, stopMine }
    }
    const otherTabNotice = (store: ReturnType<typeof createMeshStore>) => store.getState().notices.find((n) => n.key === OTHER_TAB_NOTICE_KEY)
    const savedLabel = () => restoreDocument(storage).document!.nodes[1]!.label

    it('never overwrites the other tab’s newer save without asking', () => {
      const { mine, theirs } = twoTabs()
      theirs.getState().setLabel('d', 'theirs')
      vi.advanceTimersByTime(AUTOSAVE_DELAY_MS)
      mine.getState().setLabel('d', 'mine')
      vi.advanceTimersByTime(AUTOSAVE_DELAY_MS)
      expect(savedLabel()).toBe('theirs')
      const notice = otherTabNotice(mine)!
      expect(notice.text).toMatch(/Another tab saved a different mesh/)
      expect(notice.actions!.map((a) => a.label)).toEqual(['Load the other tab’s mesh', 'Keep this tab’s mesh'])
      // Held, not lost: later edits wait for the answer too.
      mine.getState().setLabel('d', 'mine again')
      vi.advanceTimersByTime(AUTOSAVE_DELAY_MS)
      expect(savedLabel()).toBe('theirs')
    })

    it('loads the other tab’s mesh when asked, and undo brings this tab’s back', () => {
      const { mine, theirs } = twoTabs()
      theirs.getState().setLabel('d', 'theirs')
      vi.advanceTimersByTime(AUTOSAVE_DELAY_MS)
      mine.getState().setLabel('d', 'mine')
      vi.advanceTimersByTime(AUTOSAVE_DELAY_MS)
      otherTabNotice(mine)!.actions![0]!.run()
      expect(mine.getState().document.nodes[1]!.label).toBe('theirs')
      expect(otherTabNotice(mine)).toBeUndefined()
      vi.advanceTimersByTime(AUTOSAVE_DELAY_MS)
      expect(savedLabel()).toBe('theirs')
      mine.getState().undo()
      expect(mine.getState().document.nodes[1]!.label).toBe('mine')
      vi.advanceTimersByTime(AUTOSAVE_DELAY_MS)
      expect(savedLabel()).toBe('mine')
    })

    it('keeps this tab’s mesh when asked, replacing the other tab’s save', () => {
      const { mine, theirs } = twoTabs()
      theirs.getState().setLabel('d', 'theirs')
      vi.advanceTimersByTime(AUTOSAVE_DELAY_MS)
      mine.getState().setLabel('d', 'mine')
      vi.advanceTimersByTime(AUTOSAVE_DELAY_MS)
      otherTabNotice(mine)!.actions![1]!.run()
      expect(savedLabel()).toBe('mine')
      // Now the other tab is the one asked.
      theirs.getState().setLabel('d', 'theirs again')
      vi.advanceTimersByTime(AUTOSAVE_DELAY_MS)
      expect(savedLabel()).toBe('mine')
      expect(otherTabNotice(theirs)).toBeDefined()
    })

    it('keeps both when the tab goes before the person chose', () => {
      const { mine, theirs, stopMine } = twoTabs()
      theirs.getState().setLabel('d', 'theirs')
      vi.advanceTimersByTime(AUTOSAVE_DELAY_MS)
      mine.getState().setLabel('d', 'mine')
      vi.advanceTimersByTime(AUTOSAVE_DELAY_MS)
      stopMine()
      expect(savedLabel()).toBe('theirs')
      expect(JSON.parse(storage.getItem(`${STORAGE_KEY}:other-tab`)!).nodes[1].label).toBe('mine')
    })

    it('does not ask when the other tab saved the same mesh', () => {
      const { mine, theirs } = twoTabs()
      theirs.getState().setLabel('d', 'same')
      vi.advanceTimersByTime(AUTOSAVE_DELAY_MS)
      mine.getState().setLabel('d', 'same')
      vi.advanceTimersByTime(AUTOSAVE_DELAY_MS)
      expect(otherTabNotice(mine)).toBeUndefined()
      mine.getState().setLabel('d', 'next')
      vi.advanceTimersByTime(AUTOSAVE_DELAY_MS)
      expect(savedLabel()).toBe('next')
    })
  })
})
