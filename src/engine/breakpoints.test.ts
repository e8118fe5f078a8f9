import { describe, expect, it } from 'vitest'
import part3Json from '../demos/part3-mesh.mesh.json'
import echoersJson from '../demos/priority-echoers.mesh.json'
import type { Breakpoint } from './breakpoints'
import { compareSchedulers } from './compare'
import { parseDocument, type MeshDocument } from './document'
import { stepUntil } from './step-until'
import { Timeline } from './timeline'

function doc(json: unknown): MeshDocument {
  const parsed = parseDocument(json)
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'))
  return parsed.document
}

describe('breakpoints', () => {
  it('pause when a chosen node activates', () => {
    const t = new Timeline(doc(part3Json))
    const bp: Breakpoint = { id: '1', kind: 'activation', node: 'd', enabled: true }
    const { stop } = stepUntil(t, { breakpoints: [bp] })
    expect(stop?.reason).toBe('breakpoint')
    expect(t.sim.lastActive).toBe('d')
    expect(stop?.reason === 'breakpoint' && stop.hit.message).toBe('doubler activated')
    // the doubler first runs in the taskmaster's third round, after start (4) and branch (4)
    expect(t.tick).toBe(9)
  })

  it('pause when a queue grows past N', () => {
    const t = new Timeline(doc(part3Json))
    const { stop } = stepUntil(t, { breakpoints: [{ id: 'q', kind: 'queue', node: null, above: 3, enabled: true }] })
    expect(stop?.reason === 'breakpoint' && stop.hit.message).toBe("branch's queue has 4 items (more than 3)")
    expect(t.tick).toBe(4)
  })

  it('pause once when a queue grows past N, and again only after it came back down', () => {
    const t = new Timeline(doc(part3Json))
    const bp: Breakpoint = { id: 'q', kind: 'queue', node: 'b', above: 3, enabled: true }
    expect(stepUntil(t, { breakpoints: [bp] }).stop?.reason).toBe('breakpoint')
    expect(t.tick).toBe(4)
    // still past 3 at the next tick, but that is the same growth: no second pause
    expect(stepUntil(t, { breakpoints: [bp] }).stop).toEqual({ reason: 'idle' })
  })

  it('pause when a sink receives a value matching a text', () => {
    const t = new Timeline(doc(echoersJson))
    const { stop } = stepUntil(t, { breakpoints: [{ id: 'o', kind: 'output', node: 's', text: 'HELLO', enabled: true }] })
    expect(stop?.reason === 'breakpoint' && stop.hit.message).toBe('sink got Hello, world!')
    expect(t.sim.outputs.toArray().map((o) => o.value)).toEqual(['Goodbye, womb!', 'Au revoir, womb!', 'Ciao, womb!', 'Hello, world!'])
  })

  it('ignore disabled breakpoints and run to the end', () => {
    const t = new Timeline(doc(part3Json))
    const result = stepUntil(t, { breakpoints: [{ id: '1', kind: 'activation', node: 'd', enabled: false }] })
    expect(result).toEqual({ steps: 16, stop: { reason: 'idle' } })
  })
})

describe('compareSchedulers', () => {
  it('measures the same mesh and seed under each scheduler', () => {
    const metrics = compareSchedulers(doc(echoersJson), [
      { scheduler: 'priority', mode: 'flush' },
      { scheduler: 'priority', mode: 'next' },
      { scheduler: 'taskmaster', mode: 'flush' },
    ])
    expect(metrics.map((m) => m.ticks)).toEqual([12, 12, 12])
    expect(metrics[0]!.outputs.slice(0, 3)).toEqual(['Goodbye, womb!', 'Au revoir, womb!', 'Ciao, womb!'])
    // the taskmaster takes the nodes in document order: sink first (empty), then echoer_world
    expect(metrics[2]!.outputs[0]).toBe('Hello, world!')
    expect(metrics[0]!.longestQueue).toMatchObject({ node: 's', length: 6 })
  })
})
