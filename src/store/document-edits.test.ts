import { describe, expect, it } from 'vitest'
import { chainDocument } from '../engine/testing'
import { keepRunWires } from './document-edits'

const ends = (doc: ReturnType<typeof chainDocument>) => doc.edges.map((e) => `${e.id}: ${e.source}.${e.port}>${e.target}`)

describe('keeping the run’s wires', () => {
  it('keeps the document’s wires that are still there (ids and order), drops the cut ones and adds the made ones', () => {
    const doc = chainDocument()
    const kept = keepRunWires(doc, [
      { source: 'a', port: 'target', target: 'd' },
      { source: 't', port: 'target', target: 's' },
      { source: 'a', port: 'target', target: 't' },
    ])
    expect(ends(kept)).toEqual([ends(doc)[0], ends(doc)[2], 'a.target-t: a.target>t'])
  })

  it('changes nothing when the run’s wires are the document’s, and adds no wire to a node or port that is not there', () => {
    const doc = chainDocument()
    expect(keepRunWires(doc, doc.edges)).toBe(doc)
    const kept = keepRunWires(doc, [...doc.edges, { source: 'a', port: 'nope', target: 'd' }, { source: 'a', port: 'target', target: '__proto__' }])
    expect(kept).toBe(doc)
  })
})
