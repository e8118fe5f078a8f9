import { describe, expect, it, vi } from 'vitest'

import { STORAGE_KEY, UNREADABLE_KEY } from '../store/autosave'
import { chainDocument } from '../engine/testing'
import { MemoryStorage } from '../store/testing'
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

  it('says where an unreadable save is kept, and keeps a second one beside the first', () => {
    const storage = new MemoryStorage()
    storage.setItem(STORAGE_KEY, 'first')
    expect(bootStore(storage).getState().notices[0]!.text).toContain(`kept in this browser's storage as "${UNREADABLE_KEY}"`)
    storage.setItem(STORAGE_KEY, 'second')
    expect(bootStore(storage).getState().notices[0]!.text).toContain(`as "${UNREADABLE_KEY}:2"`)
    expect([storage.getItem(UNREADABLE_KEY), storage.getItem(`${UNREADABLE_KEY}:2`)]).toEqual(['first', 'second'])
  })

  it('says honestly when full storage could not keep the unreadable save, and offers it as a download', () => {
    const storage = new MemoryStorage()
    storage.setItem(STORAGE_KEY, 'not a mesh')
    storage.failWrites = true
    const download = vi.fn()
    const [notice] = bootStore(storage, download).getState().notices
    expect(notice!.text).toMatch(/storage is full, so no copy could be kept: download it now/)
    expect(notice!.text).not.toMatch(/is kept/)
    expect(notice!.text.length).toBeLessThanOrEqual(200)
    notice!.actions![0]!.run()
    expect(download).toHaveBeenCalledWith('unreadable-mesh.json', 'not a mesh', 'application/json')
  })

  it("offers a tab's mesh kept when it closed before the person chose, to open or download", () => {
    const storage = new MemoryStorage()
    storage.setItem(STORAGE_KEY, JSON.stringify(chainDocument()))
    const kept = { ...chainDocument(), title: 'kept from a tab' }
    storage.setItem(`${STORAGE_KEY}:other-tab`, JSON.stringify(kept))
    const download = vi.fn()
    const store = bootStore(storage, download)
    const notice = store.getState().notices.find((n) => n.key === 'other-tab-copy')!
    expect(notice.text).toContain(`kept as "${STORAGE_KEY}:other-tab"`)
    notice.actions![1]!.run()
    expect(download).toHaveBeenCalledWith('kept-mesh.mesh.json', JSON.stringify(kept), 'application/json')
    notice.actions![0]!.run()
    expect(store.getState().document.title).toBe('kept from a tab')
    expect(storage.getItem(`${STORAGE_KEY}:other-tab`)).toBeNull()
  })

  it('starts with the first-visit mesh when the browser gives no storage', () => {
    expect(bootStore(null).getState().document.nodes).toHaveLength(6)
  })
})
