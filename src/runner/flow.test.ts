import { describe, expect, it } from 'vitest'

import { Simulation } from '../engine'
import { chainDocument } from '../engine/testing'
import { FlowCollector, levelOf, NO_FLOW } from './flow'

function tracedChain() {
  const flow = new FlowCollector()
  const sim = new Simulation(chainDocument(), { trace: (e) => flow.collect(e) })
  return { flow, sim }
}

describe('FlowCollector', () => {
  it('gives each wire the items it carried since the last publish, as tokens', () => {
    const { flow, sim } = tracedChain()
    sim.send('a', 1)
    sim.step()
    const view = flow.publish(sim, 'tokens', 450, 0, NO_FLOW)
    expect(view.edges).toEqual({ 'a.target-d': { values: ['2'], count: 1, rate: null, level: 1 } })
    expect(view.took).toEqual({ node: 'a', item: '1' })
    // Nothing moved since: no tokens, and the same view back.
    const again = flow.publish(sim, 'tokens', 450, 16, view)
    expect(again.edges).toEqual({})
    expect(flow.publish(sim, 'tokens', 450, 32, again)).toBe(again)
  })

  it('marks the ports that dropped items', () => {
    const flow = new FlowCollector()
    const doc = chainDocument()
    const sim = new Simulation({ ...doc, edges: doc.edges.filter((e) => e.source !== 'd') }, { trace: (e) => flow.collect(e) })
    sim.send('d', 1)
    sim.step()
    expect(flow.publish(sim, 'tokens', 450, 0, NO_FLOW).drops).toEqual({ d: ['target'] })
  })

  it('shows a smoothed rate and a stroke weight at speed, keeping a counter until it moves by a quarter', () => {
    const { flow, sim } = tracedChain()
    for (let i = 0; i < 200; i++) sim.send('a', i)
    let view = NO_FLOW
    let now = 0
    for (let frame = 0; frame < 120; frame++) {
      sim.step()
      now += 1000 / 60
      view = flow.publish(sim, 'counters', 450, now, view)
    }
    const wire = view.edges['a.target-d']!
    expect(wire.rate).toBeGreaterThan(5)
    expect(wire.level).toBe(levelOf(wire.rate!))
    sim.step()
    expect(flow.publish(sim, 'counters', 450, now + 16, view).edges['a.target-d']).toBe(wire)
  })

  it('weighs wires by what their source took when the run is not traced', () => {
    const flow = new FlowCollector()
    const sim = new Simulation(chainDocument())
    for (let i = 0; i < 50; i++) sim.send('a', i)
    flow.setTraced(false, sim)
    sim.run(30)
    const view = flow.publish(sim, 'counters', 450, 500, NO_FLOW)
    expect(view.edges['a.target-d']).toMatchObject({ rate: null })
    expect(view.edges['a.target-d']!.level).toBeGreaterThan(0)
  })
})
