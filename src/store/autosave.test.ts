import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { attachAutosave, AUTOSAVE_DELAY_MS, restoreDocument, STORAGE_KEY, UNREADABLE_KEY } from './autosave'
import { createMeshStore } from './mesh-store'
import { chainDocument, MemoryStorage } from './testing'

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
})
