import { describe, expect, it } from 'vitest'

import part3Json from '../demos/part3-mesh.mesh.json'
import { alterHistory, Timeline, Watch, WhatIfReplay, type WatchTarget } from '../engine'
import { meshDocument } from '../engine/testing'
import type { WhatIfAnswer } from '../sandbox/protocol'
import { readWhatIf, watchProblem, whatIfProblem } from './sandbox-replies'

/** Part 3 run to its end with a send by hand on the way, and a what-if of it skipping its first input, as the worker would answer it. */
function asked() {
  const timeline = new Timeline(meshDocument(part3Json))
  for (let i = 0; i < 4; i++) timeline.step()
  timeline.apply({ type: 'send', node: 'a', values: [10, 11] })
  timeline.run()
  const history = timeline.history()
  const altered = alterHistory(history, { kind: 'input', index: 0 })
  if (!altered.ok) throw new Error(altered.error)
  const replay = new WhatIfReplay(history, altered)
  while (!replay.advance(() => false));
  const result = replay.result()
  const answer: WhatIfAnswer = {
    original: result.original,
    altered: result.altered,
    divergence: result.divergence,
    from: result.from,
    end: result.history.end,
    entries: result.history.entries.map((e) => ({ tick: e.tick, hand: e.action !== null })),
  }
  return { history, altered, result, answer, more: Math.max(history.end, 10_000) }
}

describe("the sandbox's answers about the run's history", () => {
  it('reads a what-if that fits as the engine’s result, with the page’s own document and actions', () => {
    const { history, altered, result, answer, more } = asked()
    const read = readWhatIf(answer, history, altered, more)
    expect(read).toEqual(result)
    expect(read.history.document).toBe(altered.history.document)
    expect(read.history.entries.find((e) => e.action !== null)).toBe(altered.history.entries.find((e) => e.action !== null))
  })

  it('says why a what-if does not fit the run', () => {
    const { history, altered, answer, more } = asked()
    const problem = (changed: Partial<WhatIfAnswer>) => whatIfProblem({ ...answer, ...changed }, history, altered, more)
    expect(problem({})).toBeNull()
    expect(problem({ divergence: answer.end + history.end + 1 })).toMatch(/part at tick \d+, after both ended/)
    expect(problem({ original: { ...answer.original, end: history.end + 1 } })).toMatch(/past the run's end/)
    expect(problem({ end: answer.end + 1 })).toMatch(/ends at tick \d+ but its history at/)
    expect(problem({ entries: answer.entries.filter((e) => !e.hand) })).toMatch(/leaves out the hand action at tick 4/)
    expect(problem({ entries: [...answer.entries, { tick: 0, hand: false }] })).toMatch(/goes back from tick 4 to 0/)
    expect(problem({ altered: { ...answer.altered, outputCount: 0 } })).toMatch(/altered run's output count \(0\) is less than/)
    expect(() => readWhatIf({ ...answer, from: 3 }, history, altered, more)).toThrow(/^the sandbox sent a what-if that does not fit the run: it changes the run at tick 3/)
  })

  it('says why a watch does not fit the watch asked for', () => {
    const timeline = new Timeline(meshDocument(part3Json))
    timeline.run()
    const target: WatchTarget = { kind: 'queue', node: 'b' }
    const watch = new Watch(target, timeline.history())
    while (!watch.advance(1_000_000));
    const result = watch.result()
    const problem = (changed: Partial<typeof result>) => watchProblem({ ...result, ...changed }, target, timeline.end)
    expect(problem({})).toBeNull()
    expect(problem({ end: timeline.end + 1 })).toMatch(/past the run's end/)
    expect(problem({ tick: result.end + 1 })).toMatch(/past its end/)
    expect(problem({ arrived: 0 })).toMatch(/counts are fewer than the entries/)
    expect(problem({ first: null })).toMatch(/first and last ticks/)
    expect(problem({ counts: { width: 3, counts: result.counts.counts } })).toMatch(/power of two/)
    expect(problem({ counts: { width: 1, counts: [...result.counts.counts, 1] } })).toMatch(/buckets/)
    expect(problem({ ticks: result.ticks.map(() => result.tick + 1) })).toMatch(/past where its replay got/)
  })
})
