import { describe, expect, it } from 'vitest'

import { Simulation } from '../engine'
import { chainDocument } from '../engine/testing'
import { QueueSeries } from './queue-series'

describe('QueueSeries', () => {
  it('samples all queued items, the longest queue and each node of a small mesh', () => {
    const sim = new Simulation(chainDocument())
    for (const v of [1, 2, 3]) sim.send('a', v)
    const series = new QueueSeries()
    series.sample(sim)
    sim.step()
    series.sample(sim)
    expect(series.ticks).toEqual([0, 1])
    expect(series.totals).toEqual([3, 3])
    expect(series.longest).toEqual([3, 2])
    expect(series.nodes.get('a')).toEqual([3, 2])
    expect(series.nodes.get('d')).toEqual([0, 1])
  })

  it('stays bounded: every other sample goes and the spacing doubles', () => {
    const sim = new Simulation(chainDocument())
    for (let i = 0; i < 100; i++) sim.send('a', i)
    const series = new QueueSeries(8)
    for (let i = 0; i < 60; i++) {
      series.sample(sim)
      sim.step()
    }
    expect(series.length).toBeLessThanOrEqual(8)
    expect(series.spacing).toBeGreaterThan(1)
    expect(series.ticks).toEqual([...series.ticks].sort((a, b) => a - b))
  })

  it('drops the samples after a tick when the run goes back', () => {
    const sim = new Simulation(chainDocument())
    for (const v of [1, 2, 3]) sim.send('a', v)
    const series = new QueueSeries()
    for (let i = 0; i < 5; i++) {
      series.sample(sim)
      sim.step()
    }
    series.truncate(2)
    expect(series.ticks).toEqual([0, 1, 2])
    expect(series.nodes.get('a')).toHaveLength(3)
  })
})
