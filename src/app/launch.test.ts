import { describe, expect, it } from 'vitest'

import { findDemo } from '../demos'
import { encodeLink } from '../formats/link'
import { createMeshStore } from '../store/mesh-store'
import { chainDocument } from '../engine/testing'
import { openLaunch, readLaunch, withDemo, withoutLink } from './launch'

const BASE = 'https://example.org/play/'
const part3 = findDemo('part3-mesh')!

describe('the address a visit starts from', () => {
  it('reads a mesh in the hash, a demo and the embed view', () => {
    expect(readLaunch(`${BASE}#mesh=1.abc.def&tick=3`)).toEqual({ link: '#mesh=1.abc.def&tick=3', demo: null, embed: false })
    expect(readLaunch(`${BASE}?demo=ping-pong&embed`)).toEqual({ link: null, demo: 'ping-pong', embed: true })
    expect(readLaunch(`${BASE}#main`).link).toBeNull()
  })

  it('drops the mesh from the hash once read, and keeps the rest of the address', () => {
    expect(withoutLink(`${BASE}?embed#mesh=1.abc.def`)).toBe(`${BASE}?embed`)
    expect(withoutLink(`${BASE}#main`)).toBe(`${BASE}#main`)
    expect(withDemo(`${BASE}?embed`, 'ping-pong')).toBe(`${BASE}?embed=&demo=ping-pong`)
    expect(withDemo(`${BASE}?demo=ping-pong`, null)).toBe(BASE)
  })
})

describe('opening what the address asks for', () => {
  it('opens a link at its tick, as one undoable load', async () => {
    const store = createMeshStore({ document: chainDocument() })
    await openLaunch(store, readLaunch(`${BASE}${encodeLink(part3.document, { tick: 5 })}`))
    expect(store.getState().document).toEqual(part3.document)
    expect(store.getState().run.tick).toBe(5)
    expect(store.getState().notices.map((n) => n.text)).toEqual(['Opened the mesh from the link. Undo brings back the mesh you had.'])
    expect(store.temporal.getState().pastStates).toHaveLength(1)
  })

  it('says what is wrong with a bad link and leaves the mesh as it was', async () => {
    const before = chainDocument()
    const store = createMeshStore({ document: before })
    await openLaunch(store, readLaunch(`${BASE}#mesh=1.N4Ig.zzz`))
    expect(store.getState().document).toBe(before)
    expect(store.temporal.getState().pastStates).toHaveLength(0)
    const [notice] = store.getState().notices
    expect(notice?.tone).toBe('error')
    expect(notice?.text).toMatch(/^This link is damaged or incomplete .*Your own mesh is as you left it\.$/)
  })

  it('opens a demo with its lesson, in the embed view too (the lesson travels with the mesh: issue 14)', async () => {
    const store = createMeshStore()
    await openLaunch(store, readLaunch(`${BASE}?demo=part3-mesh`))
    expect(store.getState().lesson?.demo?.id).toBe('part3-mesh')
    const embedded = createMeshStore()
    await openLaunch(embedded, readLaunch(`${BASE}?demo=part3-mesh&embed`))
    expect(embedded.getState().document).toBe(part3.document)
    expect(embedded.getState().lesson?.step).toBe(0)
  })

  it('names the demos when asked for one there is not', async () => {
    const store = createMeshStore()
    await openLaunch(store, readLaunch(`${BASE}?demo=<b>nope</b>`))
    expect(store.getState().notices[0]?.text).toBe(
      'There is no demo called "<b>nope</b>". The demos are part3-mesh, priority-echoers, ping-pong, tasklet-tour, flush-vs-next, smart-router, rewiring, you-are-the-scheduler.',
    )
    expect(store.getState().lesson).toBeNull()
  })
})
