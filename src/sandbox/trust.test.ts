import { describe, expect, it } from 'vitest'
import { parseDocument, type MeshDocument } from '../engine'
import { allowedSources, needsConsent, TrustedCode, untrustedNodes } from './trust'

function load(json: object): MeshDocument {
  const parsed = parseDocument({ format: 'mesh-playground', version: 2, ...json })
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'))
  return parsed.document
}

/** A code node two groups deep. */
const deep = load({
  nodes: [
    {
      id: 'g',
      kind: 'group',
      group: { nodes: [{ id: 'h', kind: 'group', group: { nodes: [{ id: 'c', kind: 'code', code: { source: 'function* () { /* deep */ }', ports: [] } }] } }] },
    },
  ],
})

describe('consent to code inside groups', () => {
  it('asks for a code node however deep inside groups it is, and lets its source run once agreed to', () => {
    const trust = new TrustedCode()
    expect(untrustedNodes(deep, trust).map((n) => n.id)).toEqual(['c'])
    expect(needsConsent(deep, trust)).toBe(true)
    expect(allowedSources(deep, (source) => trust.has(source))).toEqual([])
    trust.add(['function* () { /* deep */ }'])
    expect(needsConsent(deep, trust)).toBe(false)
    expect(allowedSources(deep, (source) => trust.has(source))).toEqual(['function* () { /* deep */ }'])
  })
})
