import { describe, expect, it, vi } from 'vitest'
import part3Json from '../demos/part3-mesh.mesh.json'
import type { Breakpoint } from './breakpoints'
import { parseDocument } from './document'
import { stepUntil } from './step-until'
import { Timeline } from './timeline'

/** Part 3's mesh: its taskmaster rounds end at ticks 4, 8, 12 and 16; the third activates the doubler twice, then the tripler twice. */
function part3(): Timeline {
  const parsed = parseDocument(part3Json)
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'))
  return new Timeline(parsed.document)
}

const onTripler: Breakpoint = { id: 't', kind: 'activation', node: 't', enabled: true }

describe('stepUntil', () => {
  it('runs in one engine run when nothing needs to see each activation, ending as timeline.run ends', () => {
    const t = part3()
    const step = vi.spyOn(t, 'step')
    expect(stepUntil(t, { breakpoints: [{ ...onTripler, enabled: false }] })).toEqual(part3().run())
    expect(t.tick).toBe(16)
    expect(step).not.toHaveBeenCalled()
  })

  it("stops at the end of the scheduler's round, as Timeline.stepRound does", () => {
    const t = part3()
    expect(stepUntil(t, { roundEnd: true })).toEqual({ steps: 4, stop: { reason: 'round' } })
    expect(stepUntil(t, { roundEnd: true })).toEqual({ steps: 4, stop: { reason: 'round' } })
    expect(t.tick).toBe(8)
  })

  it('stops a round at a breakpoint met before the round ends, with its hit', () => {
    const t = part3()
    stepUntil(t, { tick: 8 })
    const { steps, stop } = stepUntil(t, { roundEnd: true, breakpoints: [onTripler] })
    expect(steps).toBe(3)
    expect(stop).toMatchObject({ reason: 'breakpoint', hit: { tick: 11, message: 'tripler activated' } })
  })

  it('stops at a tick, and makes no step when the run is there already', () => {
    const t = part3()
    expect(stepUntil(t, { tick: 5 })).toEqual({ steps: 5, stop: { reason: 'tick' } })
    expect(stepUntil(t, { tick: 5 })).toEqual({ steps: 0, stop: { reason: 'tick' } })
    expect(stepUntil(t, { tick: 100 })).toEqual({ steps: 11, stop: { reason: 'idle' } })
  })

  it('stops at its deadline with no reason, and the next call goes on from there', () => {
    const t = part3()
    // Each activation takes a millisecond: the stretches between looks at the clock end right at the deadline, not past it.
    expect(stepUntil(t, { breakpoints: [onTripler], deadline: { at: 5, now: () => t.tick } })).toEqual({ steps: 5, stop: null })
    expect(stepUntil(t, { deadline: { at: 9, now: () => t.tick } })).toEqual({ steps: 4, stop: null })
    expect(stepUntil(t, { breakpoints: [onTripler] }).stop).toMatchObject({ reason: 'breakpoint', hit: { tick: 11 } })
  })

  it('calls its hooks before and after each activation, with the run at the tick before and after it', () => {
    const t = part3()
    const seen: string[] = []
    stepUntil(t, { max: 3, beforeStep: (sim) => seen.push(`before ${sim.tick}`), afterStep: (sim) => seen.push(`after ${sim.tick}`) })
    expect(seen).toEqual(['before 0', 'after 1', 'before 1', 'after 2', 'before 2', 'after 3'])
  })
})
