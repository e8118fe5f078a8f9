import { describe, expect, it } from 'vitest'

import type { MeshFigures } from '../../engine'
import { figureRows, type FigureLane } from './compare-figures'

const FIGURES: MeshFigures = {
  ticks: 16,
  activations: 16,
  items: 16,
  taken: 16,
  meanWait: 3,
  longestWait: 6,
  peakQueue: 4,
  meanQueue: 3,
  starvedTasklets: 0,
  longestStarvation: 5,
  outputs: 4,
  throughput: 25,
  meanTurnaround: 14.5,
  longestTurnaround: 16,
  fairness: 0.9,
}
const drained = (change: Partial<MeshFigures> = {}): FigureLane => ({ figures: { ...FIGURES, ...change }, stopped: { reason: 'idle' } })
const row = (lanes: FigureLane[], id: string) => figureRows(lanes).find((r) => r.id === id)!

describe('figureRows', () => {
  it('marks the lowest of a row where lower is better, and the highest of throughput and fairness', () => {
    const lanes = [drained({ meanWait: 3.625, throughput: 20 }), drained({ meanWait: 2.75, throughput: 30 }), drained({ meanWait: 3 })]
    expect(row(lanes, 'mean-wait')).toMatchObject({ cells: ['3.63', '2.75', '3.00'], best: [false, true, false], same: false })
    expect(row(lanes, 'throughput')).toMatchObject({ label: 'Throughput (per 100 ticks)', cells: ['20.0', '30.0', '25.0'], best: [false, true, false] })
  })

  it('marks every lane tied for the best, and none when every lane shows the same', () => {
    const lanes = [drained({ longestWait: 6 }), drained({ longestWait: 10 }), drained({ longestWait: 6 })]
    expect(row(lanes, 'longest-wait').best).toEqual([true, false, true])
    expect(row(lanes, 'peak-queue')).toMatchObject({ best: [false, false, false], same: true })
    // Compared as shown: 2.004 and 2.001 both read 2.00.
    expect(row([drained({ meanWait: 2.004 }), drained({ meanWait: 2.001 })], 'mean-wait')).toMatchObject({ cells: ['2.00', '2.00'], same: true, best: [false, false] })
  })

  it('never makes best a lane without the figure, and counts ticks to drain only of a lane that drained', () => {
    const lanes: FigureLane[] = [
      drained({ activations: 20, fairness: null }),
      { figures: { ...FIGURES, activations: 12 }, stopped: { reason: 'budget' } },
      { figures: { ...FIGURES, activations: 9 }, stopped: null },
      { figures: null, stopped: null },
    ]
    expect(row(lanes, 'drain')).toMatchObject({ cells: ['20', '12, not drained', '9 so far', '—'], best: [false, false, false, false], same: false })
    expect(row(lanes, 'fairness')).toMatchObject({ cells: ['—', '0.900', '0.900', '—'], best: [false, false, false, false], same: true })
    expect(row([drained({ activations: 20 }), drained({ activations: 16 })], 'drain').best).toEqual([false, true])
  })
})
