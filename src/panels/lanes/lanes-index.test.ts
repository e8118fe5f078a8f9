import { describe, expect, it } from 'vitest'

import type { RunLanes } from '../../engine/run-record'
import { LanesIndex } from './lanes-index'
import { madeUpLanes, upTo } from './testing'

/** How often lane `lane` ran in ticks from + 1 … to, tick by tick. */
function countByHand(lanes: RunLanes, lane: number, from: number, to: number): number {
  let n = 0
  for (let t = Math.max(0, from); t < Math.min(to, lanes.ticks); t++) if (lanes.ran[t] === lane) n++
  return n
}

/** Lane `lane`'s longest queue over the samples that tell of ticks from + 1 … to, sample by sample. */
function peakByHand(lanes: RunLanes, lane: number, from: number, to: number): number {
  const n = lanes.nodes.length
  const samples = Math.min(lanes.queued.length / n, Math.floor(lanes.ticks / lanes.queueStride))
  let top = 0
  for (let k = Math.floor(from / lanes.queueStride); k < Math.min(samples, Math.ceil(to / lanes.queueStride)); k++) top = Math.max(top, lanes.queued[k * n + lane]!)
  return top
}

/** Ranges of every kind: short, within a block, across many blocks, the whole run. */
function ranges(ticks: number, count: number): [number, number][] {
  const out: [number, number][] = [
    [0, ticks],
    [0, 1],
    [ticks - 1, ticks],
    [63, 65],
    [64, 128],
  ]
  let state = 7
  const next = () => (state = (state * 48271) % 2147483647)
  for (let i = 0; i < count; i++) {
    const a = next() % ticks
    const length = i % 3 === 0 ? next() % 40 : next() % ticks
    out.push([a, Math.min(ticks, a + length)])
  }
  return out
}

describe('LanesIndex', () => {
  it('counts who ran in any range of ticks as counting tick by tick does', () => {
    const lanes = madeUpLanes({ n: 7, ticks: 20_000 })
    const index = new LanesIndex()
    index.sync(lanes)
    for (const [from, to] of ranges(20_000, 300)) {
      for (const lane of [0, 3, 6]) expect(index.count(lane, from, to), `${lane}: ${from}–${to}`).toBe(countByHand(lanes, lane, from, to))
    }
  })

  it('finds the longest queue in any range as reading every sample does', () => {
    for (const stride of [1, 4]) {
      const lanes = madeUpLanes({ n: 5, ticks: 30_000, stride, seed: 3 })
      const index = new LanesIndex()
      index.sync(lanes)
      for (const [from, to] of ranges(30_000, 300)) {
        for (const lane of [0, 2, 4]) expect(index.queuePeak(lane, from, to), `${stride}/${lane}: ${from}–${to}`).toBe(peakByHand(lanes, lane, from, to))
      }
      expect(index.queueTop).toBe(lanes.queued.reduce((a, b) => Math.max(a, b), 0))
    }
  })

  it('gives the same answers for a record that grew in place as for the whole record at once', () => {
    const full = madeUpLanes({ n: 4, ticks: 12_345, seed: 9 })
    const growing = new LanesIndex()
    for (const ticks of [1, 2, 63, 64, 65, 1000, 1001, 4096, 9000, 12_345]) {
      const lanes = upTo(full, ticks)
      growing.sync(lanes)
      const fresh = new LanesIndex()
      fresh.sync(lanes)
      for (const [from, to] of ranges(ticks, 40)) {
        for (let lane = 0; lane < 4; lane++) {
          expect(growing.count(lane, from, to)).toBe(fresh.count(lane, from, to))
          expect(growing.queuePeak(lane, from, to)).toBe(fresh.queuePeak(lane, from, to))
        }
      }
      expect(growing.queueTop).toBe(fresh.queueTop)
    }
  })

  it('keeps its counts under its limit on a long run, and still counts exactly', () => {
    const lanes = madeUpLanes({ n: 50, ticks: 40_000, seed: 5 })
    const index = new LanesIndex(2_000)
    for (const ticks of [5_000, 20_000, 40_000]) index.sync(upTo(lanes, ticks))
    expect(index.block).toBeGreaterThan(64)
    for (const [from, to] of ranges(40_000, 100)) expect(index.count(17, from, to)).toBe(countByHand(lanes, 17, from, to))
  })

  it('starts again for a record in new arrays, or one shorter than before (the run went back and branched)', () => {
    const index = new LanesIndex()
    const first = madeUpLanes({ n: 3, ticks: 5_000, seed: 1 })
    index.sync(first)
    const branched = madeUpLanes({ n: 3, ticks: 2_000, seed: 2 })
    index.sync(branched)
    for (const [from, to] of ranges(2_000, 50)) expect(index.count(1, from, to)).toBe(countByHand(branched, 1, from, to))
    // The same arrays, fewer ticks: what lies past the new end no longer counts.
    index.sync(upTo(first, 5_000))
    index.sync(upTo(first, 1_000))
    expect(index.count(0, 0, 5_000)).toBe(countByHand(first, 0, 0, 1_000))
    expect(index.queueTop).toBe(first.queued.subarray(0, 3 * 1_000).reduce((a, b) => Math.max(a, b), 0))
  })

  it('reads a record with values that name no lane, or shorter arrays than its ticks, without counting them', () => {
    const hostile: RunLanes = {
      nodes: ['a', 'b'],
      ticks: 10,
      ran: Int32Array.from([0, -1, 1, 99, 0, 2 ** 31 - 1]),
      queueStride: 0,
      queued: Uint32Array.from([1, 2, 3]),
    }
    const index = new LanesIndex()
    index.sync(hostile)
    expect(index.count(0, 0, 100)).toBe(2)
    expect(index.count(1, 0, 100)).toBe(1)
    expect(index.ranAt(2)).toBe(-1)
    expect(index.ranAt(4)).toBe(-1)
    expect(index.ranAt(7)).toBe(-1)
    expect(index.queuePeak(1, 0, 10)).toBe(2)
    expect(index.queueAt(0, 2)).toBeNull()
  })
})
