import { describe, expect, it } from 'vitest'

import { findDemo } from '../demos'
import { encodeLink } from '../formats/link'
import { createMeshStore } from '../store/mesh-store'
import { chainDocument } from '../engine/testing'
import { openLaunch, readLaunch, withDemo, withoutLink, withPresent } from './launch'

const BASE = 'https://example.org/play/'
const part3 = findDemo('part3-mesh')!

describe('the address a visit starts from', () => {
  it('reads a mesh in the hash, a demo and the embed view', () => {
    expect(readLaunch(`${BASE}#mesh=1.abc.def&tick=3`)).toEqual({ link: '#mesh=1.abc.def&tick=3', demo: null, embed: false, present: false })
    expect(readLaunch(`${BASE}?demo=ping-pong&embed`)).toEqual({ link: null, demo: 'ping-pong', embed: true, present: false })
    expect(readLaunch(`${BASE}#main`).link).toBeNull()
  })

  it('reads presenter mode, except in the embed view, which has no lesson to present', () => {
    expect(readLaunch(`${BASE}?demo=part3-mesh&present`)).toEqual({ link: null, demo: 'part3-mesh', embed: false, present: true })
    expect(readLaunch(`${BASE}?present=&demo=part3-mesh&embed`).present).toBe(false)
  })

  it('writes presenter mode into the address and takes it out, keeping the rest', () => {
    expect(withPresent(`${BASE}?demo=part3-mesh`, true)).toBe(`${BASE}?demo=part3-mesh&present`)
    expect(withPresent(`${BASE}?demo=part3-mesh&present#main`, false)).toBe(`${BASE}?demo=part3-mesh#main`)
    expect(withPresent(`${BASE}?present&demo=part3-mesh`, true)).toBe(`${BASE}?present&demo=part3-mesh`)
    expect(withPresent(`${BASE}?presenter=1`, true)).toBe(`${BASE}?presenter=1&present`)
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

  it('presents the lesson of a demo, read-only, and gives the editing back after', async () => {
    const store = createMeshStore()
    await openLaunch(store, readLaunch(`${BASE}?demo=part3-mesh&present`))
    expect(store.getState().lesson?.demo?.id).toBe('part3-mesh')
    expect(store.getState()).toMatchObject({ presenting: true, readOnly: true })
    store.getState().stopPresenting()
    expect(store.getState()).toMatchObject({ presenting: false, readOnly: false })
  })

  it('presents the lesson a link carries', async () => {
    const store = createMeshStore({ document: chainDocument() })
    await openLaunch(store, readLaunch(`${BASE}?present${encodeLink(part3.document)}`))
    expect(store.getState().document.lesson?.steps).toHaveLength(5)
    expect(store.getState()).toMatchObject({ presenting: true, readOnly: true })
  })

  it('says there is no lesson to present when the mesh opened has none, and stays editable', async () => {
    const before = chainDocument()
    const store = createMeshStore({ document: part3.document })
    await openLaunch(store, readLaunch(`${BASE}?present${encodeLink(before)}`))
    expect(store.getState().document).toEqual(before)
    expect(store.getState()).toMatchObject({ presenting: false, readOnly: false })
    expect(store.getState().notices.map((n) => n.text)).toContain('Presenter mode shows a lesson, and this mesh has none. Open a demo (Demos) to present its lesson.')
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
