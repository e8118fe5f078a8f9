import { describe, expect, it } from 'vitest'

import part3Json from '../demos/part3-mesh.mesh.json'
import { describeEvent, type TraceEvent } from './trace'
import { meshDocument, pingPongDocument } from './testing'
import { Timeline, type TimelineHistory } from './timeline'
import { alterHistory, initialInputs, whatIf, type Alteration } from './what-if'

const part3 = meshDocument(part3Json)

/** The Part 3 run to its end, with a send and a flush by hand on the way. */
function part3History(): TimelineHistory {
  const t = new Timeline(part3)
  t.run(6)
  t.apply({ type: 'send', node: 'a', values: [10, 11] })
  t.run(3)
  t.apply({ type: 'flush', node: 'b' })
  t.run()
  return t.history()
}

/** Every trace event of `history` replayed, and its outputs. */
function traced(history: TimelineHistory): { events: TraceEvent[]; outputs: string[] } {
  const events: TraceEvent[] = []
  const t = Timeline.replaying(history)
  t.setTrace((e) => events.push(e))
  while (t.tick < history.end) {
    const before = t.tick
    if (!t.step() && !t.step() && t.tick === before) break
  }
  return { events, outputs: t.sim.outputs.toArray().map((o) => `${o.tick} ${String(o.value)}`) }
}

function altered(history: TimelineHistory, alteration: Alteration): TimelineHistory {
  const result = alterHistory(history, alteration)
  if (!result.ok) throw new Error(result.error)
  return result.history
}

function run(history: TimelineHistory, alteration: Alteration) {
  const result = whatIf(history, alteration)
  if (!result.ok) throw new Error(result.error)
  return result.result
}

describe('alterHistory', () => {
  it('skips, changes and forces without changing the history it was given', () => {
    const history = part3History()
    const copy = structuredClone(history)
    const send = history.entries.findIndex((e) => e.action?.type === 'send')
    altered(history, { kind: 'skip', entry: send })
    altered(history, { kind: 'change', entry: send, action: { type: 'send', node: 'a', values: [20] } })
    altered(history, { kind: 'input', index: 1 })
    altered(history, { kind: 'draw', tick: 3, node: 'b', value: 2 })
    expect(history).toEqual(copy)
  })

  it('puts a forced draw at tick − 1, after what was logged there', () => {
    const history: TimelineHistory = {
      document: part3,
      entries: [
        { tick: 2, action: { type: 'send', node: 'a', values: [1] } },
        { tick: 3, action: { type: 'send', node: 'a', values: [2] } },
      ],
      end: 10,
    }
    const result = alterHistory(history, { kind: 'draw', tick: 3, node: 'b', value: 2 })
    expect(result).toEqual({
      ok: true,
      tick: 2,
      history: {
        ...history,
        entries: [history.entries[0], { tick: 2, action: { type: 'draw', node: 'b', value: 2 } }, history.entries[1]],
      },
    })
  })

  it('changes an initial input in place, and skips one, keeping the others in their order', () => {
    const history = part3History()
    expect(initialInputs(part3).map((i) => i.value)).toEqual([0, 1, 2, 3])
    expect(altered(history, { kind: 'input', index: 2, value: 'x' }).document.inputs).toEqual([{ node: 'a', values: [0, 1, 'x', 3] }])
    expect(altered(history, { kind: 'input', index: 0, value: null }).document.inputs).toEqual([{ node: 'a', values: [1, 2, 3] }])
    expect(altered(history, { kind: 'input', index: 1, value: 5, node: 'b' }).document.inputs).toEqual([
      { node: 'a', values: [0] },
      { node: 'b', values: [5] },
      { node: 'a', values: [2, 3] },
    ])
  })

  it('says why for hostile alterations instead of throwing', () => {
    const history = part3History()
    const end = history.entries.findIndex((e) => e.action === null)
    const cases: Alteration[] = [
      { kind: 'skip', entry: -1 },
      { kind: 'skip', entry: history.entries.length },
      { kind: 'skip', entry: 1.5 },
      { kind: 'skip', entry: end },
      { kind: 'change', entry: 0, action: { type: 'send', node: '__proto__', values: [1] } },
      { kind: 'change', entry: 0, action: { type: 'send', node: 'a', values: [] } },
      { kind: 'change', entry: 0, action: { type: 'send', node: 'a', values: [Infinity] } },
      { kind: 'input', index: 99 },
      { kind: 'input', index: 0, value: 1, node: 'constructor' },
      { kind: 'draw', tick: 0, node: 'b', value: 1 },
      { kind: 'draw', tick: history.end + 1, node: 'b', value: 1 },
      { kind: 'draw', tick: 2, node: 'nobody', value: 1 },
      { kind: 'draw', tick: 2, node: 'b', value: 1.5 },
      { kind: 'draw', tick: 2, node: 'b', value: 1e300 },
      { kind: 'nonsense' } as unknown as Alteration,
    ]
    for (const alteration of cases) {
      const result = alterHistory(history, alteration)
      expect(result.ok, JSON.stringify(alteration)).toBe(false)
      if (!result.ok) expect(result.error.length).toBeGreaterThan(10)
      expect(whatIf(history, alteration).ok).toBe(false)
    }
  })
})

describe('whatIf', () => {
  it('skipping an initial input and undoing the skip gives back exactly the original run', () => {
    const history = part3History()
    const original = traced(history)
    const skip = run(history, { kind: 'input', index: 0 })
    expect(skip.divergence).not.toBeNull()
    expect(traced(skip.history)).not.toEqual(original)
    // Kept, then undone: the original history, restored, is the original run tick by tick.
    expect(traced(history)).toEqual(original)
    // Changed and changed back: the same run, and whatIf finds no tick where they part.
    const changed = run(history, { kind: 'input', index: 0, value: 7 })
    const back = run(changed.history, { kind: 'input', index: 0, value: 0 })
    expect(traced({ ...back.history, end: history.end })).toEqual(original)
    const same = run(history, { kind: 'input', index: 0, value: 0 })
    expect(same.divergence).toBeNull()
    expect(same.altered).toEqual(same.original)
  })

  it('skipping a hand action and putting it back gives back exactly the original run', () => {
    const history = part3History()
    const send = history.entries.findIndex((e) => e.action?.type === 'send')
    const skipped = run(history, { kind: 'skip', entry: send })
    expect(skipped.divergence).toBe(history.entries[send]!.tick)
    expect(skipped.altered.outputs).not.toEqual(skipped.original.outputs)
    const back = run(history, { kind: 'change', entry: send, action: history.entries[send]!.action! })
    expect(back.divergence).toBeNull()
    expect(traced(back.history)).toEqual(traced(history))
  })

  it('a forced draw changes only what depends on it: before its tick all is the same, and in its activation only the draw and what it sent', () => {
    for (const seed of [1, 5, 12]) {
      const doc = { ...part3, seed }
      const t = new Timeline(doc)
      t.run()
      const history = t.history()
      const original = traced(history).events
      const draw = original.find((e) => e.type === 'random' && e.use !== 'policy' && e.node === 'b')
      if (!draw || draw.type !== 'random' || draw.use === 'policy') throw new Error('branch never drew')
      const value = 3 - draw.value
      const result = run(history, { kind: 'draw', tick: draw.tick, node: 'b', value })
      expect(result.divergence).toBe(draw.tick)
      const forced = traced(result.history).events
      const before = (events: TraceEvent[]) => events.filter((e) => e.tick < draw.tick)
      expect(before(forced)).toEqual(before(original))
      const at = (events: TraceEvent[]) => events.filter((e) => e.tick === draw.tick)
      const [was, now] = [at(original), at(forced)]
      expect(now.length).toBe(was.length)
      const differing = now.map((e, i) => [was[i]!, e] as const).filter(([x, y]) => JSON.stringify(x) !== JSON.stringify(y))
      expect(differing.map(([, e]) => e.type)).toEqual(['random', 'emit'])
      const [drawn] = differing[0]!
      expect(differing[0]![1]).toEqual({ ...drawn, value, forced: true })
      expect(describeEvent(differing[0]![1], (id) => (id === 'b' ? 'branch' : id))).toBe(`branch draws randint(1, 2) = ${value} (what if)`)
      // The generator moves on as it would have: after the forced activation it stands where the original's does.
      const [x, y] = [Timeline.replaying(history), Timeline.replaying(result.history)]
      x.seek(draw.tick)
      y.seek(draw.tick)
      expect(y.sim.prng.state).toBe(x.sim.prng.state)
    }
  })

  it('a forced draw holds across a keyframe taken between the action and the draw', () => {
    const t = new Timeline(part3, { keyframeEvery: 1 })
    t.run()
    const history = t.history()
    const draw = traced(history).events.find((e) => e.type === 'random' && e.use !== 'policy' && e.node === 'b' && e.tick > 3)!
    // Forced two ticks early: the next draw of branch's, after a keyframe or two.
    const result = alterHistory(history, { kind: 'draw', tick: draw.tick - 2, node: 'b', value: 3 - (draw as { value: number }).value })
    if (!result.ok) throw new Error(result.error)
    const live = Timeline.replaying(result.history, { keyframeEvery: 1 })
    live.seek(live.end)
    const outputs = live.sim.outputs.toArray()
    // Stepped back past the draw and forward again, from a keyframe between the action and the draw.
    live.seek(draw.tick - 1)
    live.seek(live.end)
    expect(live.sim.outputs.toArray()).toEqual(outputs)
    expect(traced(result.history).outputs).toEqual(outputs.map((o) => `${o.tick} ${String(o.value)}`))
  })

  it('a draw forced to the value the generator gave changes nothing', () => {
    const t = new Timeline(part3)
    t.run()
    const history = t.history()
    const draw = traced(history).events.find((e) => e.type === 'random' && e.use !== 'policy' && e.node === 'b')!
    const result = run(history, { kind: 'draw', tick: draw.tick, node: 'b', value: (draw as { value: number }).value })
    expect(result.divergence).toBeNull()
    expect(result.altered).toEqual(result.original)
  })

  it('a forced draw out of the draw’s range is dropped unused', () => {
    const t = new Timeline(part3)
    t.run()
    const result = run(t.history(), { kind: 'draw', tick: 2, node: 'b', value: 7 })
    expect(result.divergence).toBeNull()
  })

  it('finds the first tick where a hand-made pair of runs part', () => {
    // ping and pong pass one item; a send of 100 to ping at tick 4 joins the queue there.
    const t = new Timeline(pingPongDocument(20))
    t.run(4)
    t.apply({ type: 'send', node: 'p', values: [100] })
    t.run()
    const history = t.history()
    const send = history.entries.findIndex((e) => e.action?.type === 'send')
    const skipped = run(history, { kind: 'skip', entry: send })
    // The send itself is traced at tick 4: the runs part there.
    expect(skipped.divergence).toBe(4)
    expect(skipped.original.end).toBe(20)
    expect(skipped.altered.end).toBe(20)
    expect(skipped.original.stop).toBe('limit')
    const changed = run(history, { kind: 'change', entry: send, action: { type: 'send', node: 'p', values: [101] } })
    expect(changed.divergence).toBe(4)
    const same = run(history, { kind: 'change', entry: send, action: { type: 'send', node: 'p', values: [100] } })
    expect(same.divergence).toBeNull()
  })

  it('runs the altered branch on past the original end when the original had stopped by itself', () => {
    const [history, toSink] = [1, 2, 3, 4, 6, 7, 8, 9]
      .map((seed) => {
        const t = new Timeline({ ...part3, seed })
        t.run()
        const history = t.history()
        return [history, traced(history).events.find((e) => e.type === 'random' && e.use !== 'policy' && e.node === 'r' && e.value === 2)] as const
      })
      .find(([, found]) => found !== undefined)!
    if (!toSink) throw new Error('no recycler sent an item to the sink')
    const result = run(history, { kind: 'draw', tick: toSink.tick, node: 'r', value: 1 })
    expect(result.original.stop).toBe('idle')
    expect(result.divergence).toBe(toSink.tick)
    // Sent back to start instead of the sink: the item goes round again, past the original end.
    expect(result.altered.end).toBeGreaterThan(result.original.end)
    expect(result.altered.stop).toBe('idle')
    expect(traced(result.history).outputs).toEqual(result.altered.outputs.map((o) => `${o.tick} ${o.text}`))
  })
})
