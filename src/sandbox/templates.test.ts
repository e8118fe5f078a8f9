import { describe, expect, it } from 'vitest'

import { Simulation, type Value } from '../engine'
import { meshDocument } from '../engine/testing'
import { checkSource } from './check-source'
import { compileCoroutine } from './compile'
import { CODE_TEMPLATES } from './templates'

function template(id: string) {
  const found = CODE_TEMPLATES.find((t) => t.id === id)
  if (!found) throw new Error(`no template ${id}`)
  return found
}

/** Runs a template fed with `inputs`, each of its ports wired to a sink of the same name; returns what each sink got. */
function runTemplate(id: string, inputs: Value[], extraTargets: string[] = []): Record<string, Value[]> {
  const { source, ports } = template(id)
  const sinks = [...ports, ...extraTargets]
  const doc = meshDocument({
    nodes: [{ id: 'c', kind: 'code', code: { source, ports: [...ports] } }, ...sinks.map((id) => ({ id, kind: 'sink' }))],
    edges: [...ports.map((port) => ({ source: 'c', port, target: port })), ...extraTargets.map((target) => ({ source: 'c', port: 'out', target }))],
    inputs: [{ node: 'c', values: inputs }],
  })
  const sim = new Simulation(doc, { compile: compileCoroutine })
  sim.run()
  expect(sim.nodes.get('c')!.tasklet.error ?? null).toBeNull()
  return Object.fromEntries(sinks.map((sink) => [sink, sim.outputs.toArray(sink).map((o) => o.value)]))
}

describe('starter templates', () => {
  it.each(CODE_TEMPLATES.map((t) => [t.id, t] as const))('%s parses as a generator function', (_id, t) => {
    expect(checkSource(t.source)).toEqual({ ok: true })
  })

  it('the filter passes on even numbers only', () => {
    expect(runTemplate('filter', [1, 2, 3, 4, 'six', 6])).toEqual({ out: [2, 4, 6] })
  })

  it('the batcher sends batches of three with a running count', () => {
    expect(runTemplate('batcher', [1, 2, 3, 4, 5, 6, 7])).toEqual({ out: ['#3: 1 2 3', '#6: 4 5 6'] })
  })

  it('the router sends small numbers and the rest different ways', () => {
    expect(runTemplate('router', [3, 30, 'x', 9])).toEqual({ small: [3, 9], big: [30, 'x'] })
  })

  it('the rate limiter lets a burst of two through, then one in three', () => {
    const got = runTemplate('rate-limiter', [1, 2, 3, 4, 5, 6, 7, 8, 9])
    expect(got.out).toEqual([1, 2, 3, 6, 9])
    expect(got.over).toEqual([4, 5, 7, 8])
  })

  it('the learner keeps sending each kind of item where it first chose', () => {
    const got = runTemplate('learner', [1, 2, 11, 12, 21, 22, 31, 32], ['other'])
    const where = (v: number) => (got.out!.includes(v) ? 'out' : 'other')
    expect(got.out!.length + got.other!.length).toBe(8)
    expect([11, 21, 31].map(where)).toEqual([where(1), where(1), where(1)])
    expect([12, 22, 32].map(where)).toEqual([where(2), where(2), where(2)])
  })

  it('the wire cutter cuts its first wire after three items that are not numbers', () => {
    const got = runTemplate('wire-cutter', [1, 'a', 2, 'b', 'c', 3, 4], ['other'])
    expect(got.out).toEqual([1, 'a', 2, 'b'])
    expect(got.other).toEqual([1, 'a', 2, 'b', 'c', 3, 4])
  })
})
