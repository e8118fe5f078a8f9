import { describe, expect, it } from 'vitest'

import { changesRun, documentAtTick } from './run-document'
import { chainDocument } from '../engine/testing'

describe('the run and the editor’s document', () => {
  it('counts moving a node or changing the seed as no change to what runs', () => {
    const doc = chainDocument()
    const moved = { ...doc, seed: 9, nodes: doc.nodes.map((n) => (n.id === 'a' ? { ...n, position: { x: 5, y: 5 } } : n)) }
    expect(changesRun(doc, moved)).toBe(false)
    expect(changesRun(doc, { ...doc, edges: doc.edges.slice(1) })).toBe(true)
    expect(changesRun(doc, { ...doc, mode: 'next' })).toBe(true)
  })

  it("shows the run's document at an earlier tick with the editor's positions, title, seed and inputs", () => {
    const run = chainDocument()
    const editor = {
      ...run,
      title: 'Edited',
      seed: 42,
      edges: run.edges.filter((e) => e.target !== 's'),
      nodes: run.nodes.filter((n) => n.id !== 't').map((n) => (n.id === 'a' ? { ...n, position: { x: 7, y: 8 } } : n)),
      inputs: [{ node: 'a', values: [3] }],
    }
    const shown = documentAtTick(run, editor)
    expect(shown.edges).toBe(run.edges)
    expect(shown.nodes.map((n) => n.id)).toEqual(['a', 'd', 't', 's'])
    expect(shown.nodes[0]!.position).toEqual({ x: 7, y: 8 })
    expect(shown).toMatchObject({ title: 'Edited', seed: 42, inputs: [{ node: 'a', values: [3] }] })
    expect(changesRun(run, shown)).toBe(false)
  })

  it('leaves the editor’s document alone when it runs the same', () => {
    const run = chainDocument()
    const editor = { ...run, title: 'Other' }
    expect(documentAtTick(run, editor)).toBe(editor)
  })
})
