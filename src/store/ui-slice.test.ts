import { describe, expect, it } from 'vitest'

import { createMeshStore } from './mesh-store'

describe('the ui slice', () => {
  describe('panels that follow the room there is', () => {
    it('hides and shows a panel by the room, until the person chooses', () => {
      const store = createMeshStore()
      store.getState().fitPanelToRoom('minimap', false)
      expect(store.getState().panels.minimap).toBe(false)
      store.getState().fitPanelToRoom('minimap', true)
      expect(store.getState().panels.minimap).toBe(true)
    })

    it('keeps the choice the person made with the toolbar, whatever the room', () => {
      const store = createMeshStore()
      store.getState().fitPanelToRoom('minimap', false)
      store.getState().togglePanel('minimap')
      expect(store.getState().panels.minimap).toBe(true)
      store.getState().fitPanelToRoom('minimap', false)
      expect(store.getState().panels.minimap).toBe(true)
      store.getState().togglePanel('minimap')
      store.getState().fitPanelToRoom('minimap', true)
      expect(store.getState().panels.minimap).toBe(false)
    })

    it('leaves the other panels to the room', () => {
      const store = createMeshStore()
      store.getState().togglePanel('inspector')
      store.getState().fitPanelToRoom('minimap', false)
      expect(store.getState().panels.minimap).toBe(false)
    })
  })
})
