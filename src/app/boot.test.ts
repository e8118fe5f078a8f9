import { describe, expect, it } from 'vitest'

import { STORAGE_KEY } from '../store/autosave'
import { chainDocument, MemoryStorage } from '../store/testing'
import { bootStore } from './boot'

describe('bootStore', () => {
  it('opens the Part 3 mesh on a first visit, its inputs queued', () => {
    const store = bootStore(new MemoryStorage())
    expect(store.getState().document.title).toMatch(/^Meshing Part 3/)
    expect(store.getState().run.nodes.a!.queueLength).toBe(4)
    expect(store.getState().notices).toEqual([])
  })

  it('opens the saved mesh when there is one', () => {
    const storage = new MemoryStorage()
    storage.setItem(STORAGE_KEY, JSON.stringify(chainDocument()))
    expect(bootStore(storage).getState().document).toEqual(chainDocument())
  })

  it('starts clean with a notice when the saved mesh cannot be read', () => {
    const storage = new MemoryStorage()
    storage.setItem(STORAGE_KEY, 'null')
    const store = bootStore(storage)
    expect(store.getState().document.nodes).toEqual([])
    expect(store.getState().notices).toEqual([expect.objectContaining({ tone: 'warning', text: expect.stringMatching(/could not be read/) })])
  })

  it('starts with the first-visit mesh when the browser gives no storage', () => {
    expect(bootStore(null).getState().document.nodes).toHaveLength(6)
  })
})
