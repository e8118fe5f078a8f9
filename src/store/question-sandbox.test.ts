import { afterEach, describe, expect, it } from 'vitest'

import { findDemo } from '../demos'
import { chainDocument, meshDocument } from '../engine/testing'
import type { MeshStore } from './mesh-store'
import { sandboxStore, settle } from './sandbox-testing'

const stores: MeshStore[] = []
afterEach(() => {
  for (const s of stores) s.getState().reset(meshDocument({ nodes: [] }))
  stores.length = 0
})

describe('a lesson question on a mesh whose run lives in the sandbox', () => {
  it('gets no answer rather than a wrong one, saying why; multiple choice still gets the author’s', async () => {
    const s = sandboxStore(chainDocument())
    stores.push(s)
    s.getState().openDemo(findDemo('smart-router')!)
    await settle(s)
    const tick = s.getState().run.tick
    expect(s.getState().answerQuestion({ kind: 'next-tasklet', prompt: 'Which runs next?' })).toEqual({
      ok: false,
      reason: 'Questions on meshes with code nodes are not answered yet: their run lives in the sandbox.',
    })
    expect(s.getState().answerQuestion({ kind: 'choice', prompt: '?', options: ['a', 'b'], answer: 1 })).toEqual({
      ok: true,
      answer: { kind: 'choice', index: 1, shown: 'b', why: '' },
    })
    expect(s.getState().run.tick).toBe(tick)
  })

  it('is answered on the page for a mesh without code', () => {
    const s = sandboxStore(meshDocument({ ...chainDocument(), inputs: [{ node: 'a', values: [1, 2] }] }))
    stores.push(s)
    const result = s.getState().answerQuestion({ kind: 'next-tasklet', prompt: 'Which runs next?' })
    const next = result.ok && result.answer.kind === 'next-tasklet' ? result.answer.node : 'no answer'
    expect(next).not.toBeNull()
    expect(next).toBe(s.getState().run.nextUp)
  })
})
