import LZString from 'lz-string'
import { describe, expect, it } from 'vitest'

import { CODE_TEMPLATE, type MeshDocument } from '../engine'
import { POLICY_TEMPLATES } from '../sandbox/policy-templates'
import { CODE_TEMPLATES } from '../sandbox/templates'
import { addPort } from '../store/code-edits'
import { meshDocument } from '../engine/testing'
import { checkOf, decodeLink, encodeLink } from './link'
import { compactV1 } from './link-v1'

function linkOf(json: string): string {
  return `#mesh=1.${LZString.compressToEncodedURIComponent(json)}.${checkOf(json)}`
}

function codeMesh(): MeshDocument {
  const router = CODE_TEMPLATES.find((t) => t.id === 'router')!
  return meshDocument({
    nodes: [
      { id: 'code', kind: 'code', code: { source: router.source, ports: [...router.ports] } },
      { id: 'code-2', kind: 'code' },
      { id: 'sink', kind: 'sink' },
    ],
    edges: [
      { source: 'code', port: 'big', target: 'sink' },
      { source: 'code', port: 'small', target: 'code-2' },
      { source: 'code-2', port: 'out', target: 'sink' },
    ],
  })
}

describe('links with code nodes', () => {
  it("carry each code node's source and ports", () => {
    const doc = codeMesh()
    expect(decodeLink(encodeLink(doc))).toEqual({ ok: true, document: doc })
  })

  it("name a code node's ports by their index in its own list, and leave the starter code out", () => {
    const compact = compactV1(codeMesh())
    expect(compact.n.map((n) => n[1])).toEqual([7, 7, 5])
    expect(compact.e).toEqual([0, 1, 2, 0, 0, 1, 1, 0, 2])
    expect(compact.c).toEqual([[0, CODE_TEMPLATES.find((t) => t.id === 'router')!.source, ['small', 'big']]])
  })

  it('write the ports alone when only they changed', () => {
    const doc = addPort(meshDocument({ nodes: [{ id: 'code', kind: 'code' }] }), 'code').document
    expect(compactV1(doc).c).toEqual([[0, null, ['out', 'out2']]])
    expect(decodeLink(encodeLink(doc))).toEqual({ ok: true, document: doc })
  })

  it('still open when made before they carried code: the node gets the starter code', () => {
    const decoded = decodeLink(linkOf(JSON.stringify({ n: [[1, 'code', 0, 0]], e: [0, 'out', 0] })))
    if (!decoded.ok) throw new Error(decoded.error)
    expect(decoded.document.nodes[0]!.code).toEqual({ source: CODE_TEMPLATE, ports: ['out'] })
    expect(decoded.document.edges[0]!.port).toBe('out')
  })

  it('refuse code for a node that is not there, or given twice', () => {
    expect(decodeLink(linkOf(JSON.stringify({ n: [[1, 7, 0, 0]], c: [[3, 'x']] })))).toEqual({
      ok: false,
      error: expect.stringMatching(/code for node 4, but the mesh has only 1 node/),
    })
    expect(decodeLink(linkOf(JSON.stringify({ n: [[1, 7, 0, 0]], c: [[0], [0]] })))).toEqual({ ok: false, error: expect.stringMatching(/node 1 has code twice/) })
  })

  it('refuse code on a node of another kind, and ports the format does not allow', () => {
    expect(decodeLink(linkOf(JSON.stringify({ n: [[1, 5, 0, 0]], c: [[0, 'x']] })))).toEqual({ ok: false, error: expect.stringMatching(/only a code node has code/) })
    expect(decodeLink(linkOf(JSON.stringify({ n: [[1, 7, 0, 0]], c: [[0, null, ['a b']]] })))).toEqual({ ok: false, error: expect.stringMatching(/port name/) })
    expect(decodeLink(linkOf(JSON.stringify({ n: [[1, 7, 0, 0]], c: [[0, 5]] })))).toEqual({ ok: false, error: expect.stringMatching(/code/) })
  })

  it('refuse a wire by a port number the code node does not declare', () => {
    expect(decodeLink(linkOf(JSON.stringify({ n: [[1, 7, 0, 0]], e: [0, 1, 0] })))).toEqual({ ok: false, error: expect.stringMatching(/port number 1/) })
  })
})

describe('links with a written policy', () => {
  const policy = { name: 'Longest queue first', source: POLICY_TEMPLATES.find((t) => t.id === 'longest-queue')!.source }
  const withPolicy = (scheduler: MeshDocument['scheduler']): MeshDocument => ({ ...codeMesh(), scheduler, policy })

  it('carry its name and source, and the scheduler by name', () => {
    const doc = withPolicy('policy')
    expect(compactV1(doc)).toMatchObject({ s: 'policy', p: [policy.name, policy.source] })
    expect(decodeLink(encodeLink(doc))).toEqual({ ok: true, document: doc })
  })

  it('keep a policy the mesh has but does not run', () => {
    expect(decodeLink(encodeLink(withPolicy('priority')))).toEqual({ ok: true, document: withPolicy('priority') })
  })

  it('leave it out of a mesh without one, which opens as before', () => {
    expect('p' in compactV1(codeMesh())).toBe(false)
    const decoded = decodeLink(linkOf(JSON.stringify({ n: [[1, 5, 0, 0]] })))
    expect(decoded.ok && 'policy' in decoded.document).toBe(false)
  })

  it('say what is wrong with a policy that is not one', () => {
    expect(decodeLink(linkOf(JSON.stringify({ n: [[1, 5, 0, 0]], s: 'policy' })))).toEqual({ ok: false, error: expect.stringMatching(/policy: is missing/) })
    expect(decodeLink(linkOf(JSON.stringify({ n: [[1, 5, 0, 0]], p: ['x'] })))).toEqual({ ok: false, error: expect.stringMatching(/policy\[1\]: the source is not text/) })
    expect(decodeLink(linkOf(JSON.stringify({ n: [[1, 5, 0, 0]], s: 'policy', p: ['x'.repeat(81), 'function (m) {}'] })))).toEqual({
      ok: false,
      error: expect.stringMatching(/policy\.name: is longer than 80 characters/),
    })
  })
})
