import { describe, expect, it } from 'vitest'

import { findDemo } from '../demos'
import { withNode } from '../demos/documents'
import { CODE_TEMPLATE } from '../engine'
import { needsConsent, TrustedCode, TRUST_KEY } from '../sandbox/trust'
import { createMeshStore } from './mesh-store'
import { meshDocument } from '../engine/testing'
import { MemoryStorage } from './testing'

const FOREIGN = 'function* (ports) { while (true) ports.out.send("from a link: " + (yield)) }'

const foreignMesh = () =>
  meshDocument({
    nodes: [
      { id: 'c', kind: 'code', label: 'stranger', code: { source: FOREIGN, ports: ['out'] } },
      { id: 'own', kind: 'code' },
    ],
  })

describe('code from elsewhere', () => {
  it('needs consent, while the starter code and templates never do', () => {
    const trust = new TrustedCode()
    expect(needsConsent(foreignMesh(), trust)).toBe(true)
    expect(needsConsent(meshDocument({ nodes: [{ id: 'own', kind: 'code', code: { source: CODE_TEMPLATE, ports: ['out'] } }] }), trust)).toBe(false)
  })

  it('opens the review when a mesh with such code is opened, and runs nothing until agreed', () => {
    const store = createMeshStore()
    store.getState().openMesh(foreignMesh(), { from: 'link' })
    expect(store.getState().codeReviewOpen).toBe(true)
    expect(
      store
        .getState()
        .untrustedCode()
        .map((n) => n.label),
    ).toEqual(['stranger'])
    store.getState().setCodeReviewOpen(false)
    expect(store.getState().untrustedCode()).toHaveLength(1)
    store.getState().allowDocumentCode()
    expect(store.getState().untrustedCode()).toEqual([])
    expect(store.getState().codeReviewOpen).toBe(false)
  })

  it("never asks before the demos' own code runs, opened as a demo or with a link; the same mesh with its code changed asks", () => {
    const demo = findDemo('smart-router')!
    const store = createMeshStore()
    store.getState().openDemo(demo)
    expect(store.getState().codeReviewOpen).toBe(false)
    expect(store.getState().untrustedCode()).toEqual([])
    store.getState().openMesh(demo.document, { from: 'link' })
    expect(store.getState().codeReviewOpen).toBe(false)
    const router = demo.document.nodes.find((n) => n.id === 'router')!
    const changed = withNode(demo.document, 'router', { code: { source: router.code!.source.replace("'sink'", "'doubler'"), ports: ['out'] } })
    store.getState().openMesh(changed, { from: 'link' })
    expect(store.getState().codeReviewOpen).toBe(true)
    expect(
      store
        .getState()
        .untrustedCode()
        .map((n) => n.id),
    ).toEqual(['router'])
  })

  it('does not open the review for a mesh whose code is already trusted', () => {
    const store = createMeshStore()
    store.getState().trustCode([FOREIGN])
    store.getState().openMesh(foreignMesh(), { from: 'file' })
    expect(store.getState().codeReviewOpen).toBe(false)
  })

  it('trusts code typed in the editor, but not edits of code still waiting for consent', () => {
    const store = createMeshStore({ document: foreignMesh() })
    store.getState().setCodeSource('own', 'function* () { yield 1 }')
    expect(store.getState().isCodeTrusted('function* () { yield 1 }')).toBe(true)
    store.getState().setCodeSource('c', `${FOREIGN} `)
    expect(store.getState().isCodeTrusted(`${FOREIGN} `)).toBe(false)
  })

  it('keeps trusted code trusted when a port rename rewrites it, and untrusted code untrusted', () => {
    const store = createMeshStore({ document: foreignMesh() })
    store.getState().renamePort('own', 'out', 'next')
    expect(
      store
        .getState()
        .untrustedCode()
        .map((n) => n.id),
    ).toEqual(['c'])
    store.getState().renamePort('c', 'out', 'next')
    expect(store.getState().document.nodes[0]!.code!.source).toContain('ports.next.send')
    expect(
      store
        .getState()
        .untrustedCode()
        .map((n) => n.id),
    ).toEqual(['c'])
  })

  it('remembers what was allowed for the next visit, in storage', () => {
    const storage = new MemoryStorage()
    const first = createMeshStore({ document: foreignMesh(), trustStorage: storage })
    first.getState().allowDocumentCode()
    expect(JSON.parse(storage.getItem(TRUST_KEY)!)).toEqual([FOREIGN])
    const next = createMeshStore({ document: foreignMesh(), trustStorage: storage })
    expect(next.getState().untrustedCode()).toEqual([])
  })
})
