import { describe, expect, it } from 'vitest'

import type { TraceEvent } from '../engine'
import { TraceLog } from './trace-log'

const label = (id: string) => id.toUpperCase()
const activation = (tick: number, node = 'a'): TraceEvent => ({ type: 'activation', tick, node, item: tick })
const output = (tick: number, value: string): TraceEvent => ({ type: 'output', tick, node: 's', value })
const putBack = (tick: number): TraceEvent => ({ type: 'schedule', tick, action: 'put-back', node: 'a', priority: 3 })

describe('TraceLog', () => {
  it("keeps the seed's printed lines beside the events, with the labels of then", () => {
    const log = new TraceLog()
    log.push(activation(1), label)
    log.push(output(1, '2x2'), label)
    log.push(putBack(1), label)
    expect(log.length).toBe(3)
    expect(log.toText('seed', label)).toBe('Sink got: 2x2\nScheduler puts A back into priority queue.\n')
    expect(log.toText('events', label)).toContain('1\tA takes 1')
  })

  it('keeps only the newest events, and drops the lines of those that fell off', () => {
    const log = new TraceLog(3)
    for (let tick = 1; tick <= 5; tick++) log.push(output(tick, `v${tick}`), label)
    expect(log.length).toBe(3)
    expect(log.total).toBe(5)
    expect([0, 1, 2].map((i) => log.at(i).tick)).toEqual([3, 4, 5])
    expect([0, 1, 2].map((i) => log.lineAt(i))).toEqual(['Sink got: v3', 'Sink got: v4', 'Sink got: v5'])
  })

  it('truncates to a tick, with the scheduler bookkeeping that began the next step', () => {
    const log = new TraceLog()
    log.push(activation(1), label)
    log.push(output(1, 'one'), label)
    log.push(putBack(1), label)
    log.push(activation(2), label)
    log.push(output(2, 'two'), label)
    log.truncate(1)
    expect(log.length).toBe(2)
    expect(log.toText('seed', label)).toBe('Sink got: one\n')
  })

  it('notes untraced ticks as one gap, merged with a gap just before, and cut by truncation', () => {
    const log = new TraceLog()
    log.push(activation(1), label)
    log.gap(2, 50)
    log.gap(51, 90)
    expect(log.length).toBe(2)
    expect(log.at(1)).toEqual({ type: 'gap', from: 2, tick: 90 })
    log.truncate(40)
    expect(log.at(1)).toEqual({ type: 'gap', from: 2, tick: 40 })
    expect(log.lineAt(0)).toMatch(/ticks 2–40 ran untraced/)
    log.truncate(1)
    expect(log.length).toBe(1)
    expect(log.lineCount).toBe(0)
  })

  it('exports one JSON object a line', () => {
    const log = new TraceLog()
    log.push(activation(1), label)
    log.push(output(1, '2x2'), label)
    const lines = log
      .toJsonl()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
    expect(lines).toEqual([activation(1), output(1, '2x2')])
  })

  it('changes its revision whenever it changes', () => {
    const log = new TraceLog()
    const before = log.revision
    log.push(activation(1), label)
    const pushed = log.revision
    log.truncate(5)
    expect(log.revision).toBe(pushed)
    log.truncate(0)
    expect(log.revision).toBeGreaterThan(pushed)
    expect(pushed).toBeGreaterThan(before)
  })
})
