import { describe, expect, it } from 'vitest'

import { pingPongDocument } from '../engine/testing'
import { createMeshStore } from './mesh-store'

describe('a step by hand', () => {
  it('sets the store once, with what it published: every set runs each card’s and wire’s selectors', () => {
    const store = createMeshStore({ document: pingPongDocument(100), sandbox: null, compareSandbox: null })
    store.getState().step()
    let sets = 0
    const unsubscribe = store.subscribe(() => sets++)
    store.getState().step()
    unsubscribe()
    expect(store.getState().run.tick).toBe(2)
    expect(sets).toBe(1)
  })
})
