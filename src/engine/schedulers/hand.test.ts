import { describe, expect, it } from 'vitest'
import part3Json from '../../demos/part3-mesh.mesh.json'
import { parseDocument, type HandPick, type MeshDocument } from '../document'
import { readRun } from '../run-view'
import { Simulation } from '../simulation'
import { firstChangedPick, Timeline } from '../timeline'
import type { TraceEvent } from '../trace'
import { picksAsPolicy, withPicks, YOUR_TURN } from './hand'

function part3(seed = 5): MeshDocument {
  const parsed = parseDocument(part3Json)
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'))
  return { ...parsed.document, seed }
}

/** A person playing: at each wait, `choose` picks from the tasklets with items; the pick goes into the document, and the run takes it. */
function play(doc: MeshDocument, choose: (queued: { id: string; queued: number }[], k: number) => HandPick, limit = 200) {
  const events: TraceEvent[] = []
  const timeline = new Timeline(withPicks(doc, []), { trace: (e) => events.push(e) })
  let current = timeline.sim.document
  for (let k = 0; k < limit; k++) {
    timeline.run()
    if (timeline.sim.halt !== 'pick') break
    const queued = timeline.sim.order.filter((n) => n.tasklet.items.length > 0).map((n) => ({ id: n.id, queued: n.tasklet.items.length }))
    current = withPicks(current, [...(current.hand?.picks ?? []), choose(queued, k)])
    timeline.apply({ type: 'update', document: current })
  }
  return { timeline, document: current, events }
}

/** The longest queue drains, else the first with items takes one: a varied game. */
const busiest = (queued: { id: string; queued: number }[], k: number): HandPick => {
  const best = [...queued].sort((a, b) => b.queued - a.queued)[0]!
  return k % 3 === 0 ? { run: best.id, take: 'all' } : { run: queued[queued.length - 1]!.id, take: 'one' }
}

const activations = (events: readonly TraceEvent[]) => events.filter((e) => e.type === 'activation').map((e) => `${e.tick}:${e.node}:${JSON.stringify(e.item)}`)

describe('the person as the scheduler', () => {
  it('waits for a pick at once, saying it is their turn, and takes nothing', () => {
    const timeline = new Timeline(withPicks(part3(), []))
    const view = readRun(timeline)
    expect(view).toMatchObject({ status: 'halted', halt: 'pick', haltDetail: YOUR_TURN, nextUp: null })
    expect(timeline.step()).toBe(false)
    expect(timeline.sim.halt).toBe('pick')
    expect(timeline.tick).toBe(0)
    expect(timeline.sim.schedulerView()).toMatchObject({ kind: 'hand', made: 0, decidedAt: -1, asks: true })
  })

  it('takes one item, or drains the queue, as each pick says, and traces the pick as theirs', () => {
    const events: TraceEvent[] = []
    const sim = new Simulation(
      withPicks(part3(), [
        { run: 'a', take: 'all' },
        { run: 'b', take: 'one' },
      ]),
      { trace: (e) => events.push(e) },
    )
    expect(sim.run()).toEqual({ steps: 5, stop: { reason: 'pick' } })
    expect(sim.haltDetail).toBe(YOUR_TURN)
    expect(activations(events)).toEqual(['1:a:0', '2:a:1', '3:a:2', '4:a:3', '5:b:1'])
    expect(events.filter((e) => e.type === 'schedule' && e.action === 'choose')).toEqual([
      { type: 'schedule', tick: 0, action: 'choose', node: 'a', take: 'all', by: 'hand' },
      { type: 'schedule', tick: 4, action: 'choose', node: 'b', take: 'one', by: 'hand' },
    ])
    expect(sim.schedulerView()).toMatchObject({ kind: 'hand', made: 2, decidedAt: 4 })
  })

  it('replays the picks exactly: played pick by pick, run from tick 0 in one go, and in single steps', () => {
    for (let seed = 0; seed < 6; seed++) {
      const played = play(part3(seed), busiest)
      expect(played.timeline.sim.halt, `seed ${seed}`).toBeNull()
      expect(played.timeline.sim.queued(), `seed ${seed}`).toBe(0)
      const picks = played.document.hand!.picks
      expect(picks.length).toBeGreaterThan(8)

      const whole: TraceEvent[] = []
      const run = new Simulation(played.document, { trace: (e) => whole.push(e) })
      run.run()
      const stepped: TraceEvent[] = []
      const steps = new Simulation(played.document, { trace: (e) => stepped.push(e) })
      while (steps.step());
      expect(activations(whole), `seed ${seed}`).toEqual(activations(played.events))
      expect(stepped, `seed ${seed}`).toEqual(whole)
      expect(run.outputs.toArray()).toEqual(played.timeline.sim.outputs.toArray())
      expect(run.snapshot()).toEqual(steps.snapshot())
    }
  })

  it('seeks back and forth exactly, across keyframes, the picks taken where they were', () => {
    const { document } = play(part3(3), busiest)
    const timeline = new Timeline(document, { keyframeEvery: 4 })
    timeline.run()
    const end = timeline.tick
    const states: string[] = []
    const fresh = new Simulation(document)
    do states.push(JSON.stringify(fresh.snapshot()))
    while (fresh.step())
    // At the end, the step that found no work has ended the scheduler's call.
    states[end] = JSON.stringify(fresh.snapshot())
    expect(states).toHaveLength(end + 1)
    for (const tick of [end, 3, 17, 0, end - 1, 9, end]) {
      timeline.seek(tick)
      expect(JSON.stringify(timeline.sim.snapshot()), `tick ${tick}`).toBe(states[tick])
    }
  })

  it('goes back to the decision of a pick taken that an update removes (undo), and waits there', () => {
    const { document, timeline } = play(part3(), busiest, 6)
    const picks = document.hand!.picks
    timeline.run()
    expect(timeline.sim.halt).toBe('pick')
    const made = picks.length
    // Where the run was before the last pick, recorded by a run with one pick fewer.
    const before = new Timeline(withPicks(document, picks.slice(0, -1)))
    before.run()
    expect(before.sim.halt).toBe('pick')
    timeline.apply({ type: 'update', document: withPicks(document, picks.slice(0, -1)) })
    expect(timeline.tick).toBe(before.tick)
    expect(timeline.sim.schedulerView()).toMatchObject({ kind: 'hand', made: made - 1 })
    expect({ ...timeline.sim.snapshot(), halt: 'pick', haltDetail: YOUR_TURN }).toEqual(before.sim.snapshot())
    expect(timeline.end).toBe(before.tick)
    expect(timeline.step()).toBe(false)
    expect(timeline.sim.haltDetail).toBe(YOUR_TURN)
    // The pick again (redo): the run takes it as before.
    timeline.apply({ type: 'update', document })
    timeline.run()
    const again = new Timeline(document)
    again.run()
    expect(timeline.sim.snapshot()).toEqual(again.sim.snapshot())
  })

  it('goes back to the first pick changed when an update rewrites several taken, and not at all for picks not yet taken', () => {
    const { document } = play(part3(2), busiest, 10)
    const picks = document.hand!.picks
    const timeline = new Timeline(document, { keyframeEvery: 2 })
    timeline.run(6)
    const made = (timeline.sim.schedulerView() as { made: number }).made
    expect(made).toBeGreaterThan(2)
    // Picks past those taken: no going back.
    const tick = timeline.tick
    timeline.apply({ type: 'update', document: withPicks(document, [...picks.slice(0, made), { run: 's', take: 'one' }]) })
    expect(timeline.tick).toBe(tick)
    // The second pick changed: back to where it was decided.
    const changed = withPicks(document, [picks[0]!, { run: 'a', take: 'one' }])
    const expected = new Timeline(withPicks(document, [picks[0]!]))
    expected.run()
    timeline.apply({ type: 'update', document: changed })
    expect(timeline.tick).toBe(expected.tick)
    expect((timeline.sim.schedulerView() as { made: number }).made).toBe(1)
  })

  it('stops at a pick that names no tasklet, or one with nothing queued, saying which, and loses nothing', () => {
    for (const [pick, message] of [
      [{ run: 'ghost', take: 'one' }, /^pick 2 is \{ run: "ghost", take: "one" \}, but no tasklet of this mesh has the id "ghost"$/],
      [{ run: '__proto__', take: 'all' }, /^pick 2 is \{ run: "__proto__", take: "all" \}, but no tasklet of this mesh has the id "__proto__"$/],
      [{ run: 's', take: 'one' }, /^pick 2 is \{ run: "s", take: "one" \}, but sink's queue is empty: choose a tasklet with items$/],
    ] as const) {
      const sim = new Simulation(withPicks(part3(), [{ run: 'a', take: 'one' }, pick]))
      expect(sim.run()).toEqual({ steps: 1, stop: { reason: 'policy' } })
      expect(sim.haltDetail).toMatch(message)
      const before = sim.snapshot()
      expect(sim.step()).toBe(false)
      expect(sim.snapshot()).toEqual(before)
    }
  })

  it('counts decisions from where the person took over, across calls of the scheduler', () => {
    const timeline = new Timeline(part3())
    timeline.run(3)
    timeline.apply({ type: 'update', document: withPicks(part3(), [{ run: 'b', take: 'one' }]) })
    expect(timeline.run()).toEqual({ steps: 1, stop: { reason: 'pick' } })
    expect(timeline.sim.schedulerView()).toMatchObject({ made: 1, decidedAt: 3 })
    // Drained, then fed by hand: the next call goes on with the next pick.
    const drained = new Simulation(
      withPicks({ ...part3(), inputs: [{ node: 'a', values: [1] }] }, [
        { run: 'a', take: 'one' },
        { run: 'b', take: 'one' },
        { run: 'd', take: 'one' },
        { run: 's', take: 'one' },
        { run: 'a', take: 'one' },
      ]),
    )
    expect(drained.run()).toEqual({ steps: 4, stop: { reason: 'idle' } })
    drained.send('a', 7)
    expect(drained.run()).toEqual({ steps: 1, stop: { reason: 'pick' } })
    expect(drained.nodes.get('b')!.tasklet.items.toArray()).toEqual([8])
  })

  it('are read and checked with the document: bounded, with a take of one or all', () => {
    const doc = { ...part3Json, scheduler: 'hand', hand: { picks: [{ run: 'a' }, { run: 'b', take: 'all' }] } }
    const read = parseDocument(doc)
    expect(read.ok && read.document.hand).toEqual({
      picks: [
        { run: 'a', take: 'one' },
        { run: 'b', take: 'all' },
      ],
    })
    const errors = (json: unknown) => {
      const result = parseDocument(json)
      return result.ok ? [] : result.errors
    }
    expect(errors({ ...doc, hand: { picks: [{ run: 'a', take: 'some' }] } })).toEqual(['hand.picks[0].take: is not "one" or "all"'])
    expect(errors({ ...doc, hand: { picks: [{ run: '' }] } })).toEqual(['hand.picks[0].run: is empty'])
    expect(errors({ ...doc, hand: { picks: 'a' } })[0]).toMatch(/^hand\.picks: /)
    expect(errors({ ...doc, hand: { picks: Array.from({ length: 10_001 }, () => ({ run: 'a' })) } })).toEqual(['hand.picks: has more than 10000 picks'])
    // A pick of a tasklet that is not there is the run's to refuse when it comes to it, as a policy's decision is.
    expect(errors({ ...doc, hand: { picks: [{ run: 'constructor' }] } })).toEqual([])
    // Kept when another scheduler runs, as a policy is.
    const kept = parseDocument({ ...doc, scheduler: 'taskmaster' })
    expect(kept.ok && kept.document.hand?.picks).toHaveLength(2)
    const none = parseDocument(part3Json)
    expect(none.ok && 'hand' in none.document).toBe(false)
  })

  it('tells the first pick two lists differ at', () => {
    const a: HandPick = { run: 'a', take: 'one' }
    const b: HandPick = { run: 'b', take: 'one' }
    expect(firstChangedPick([a, b], [a, b])).toBe(-1)
    expect(firstChangedPick([a, b], [a])).toBe(1)
    expect(firstChangedPick([a], [a, b])).toBe(1)
    expect(firstChangedPick([a, b], [a, { ...b, take: 'all' }])).toBe(1)
    expect(firstChangedPick([], [])).toBe(-1)
  })
})

describe('the picks kept as a policy', () => {
  it('lists every pick one a line, by id and name, and fits a policy source', () => {
    const doc = withPicks({ ...part3(), title: 'Part 3\u202e evil\nline' }, [
      { run: 'a', take: 'all' },
      { run: 'b', take: 'one' },
      { run: 'gone\u202e', take: 'one' },
    ])
    const kept = picksAsPolicy(doc)!
    expect(kept.name).toBe('My picks')
    expect(kept.source).toContain(`    ["a", 'all'], // 1. start drains its queue\n`)
    expect(kept.source).toContain(`    ["b", 'one'], // 2. branch takes one\n`)
    // Hidden characters are escaped in the code and shown as markers in comments; a line end cannot end a comment.
    expect(kept.source).toContain(`    ["gone\\u202e", 'one'], // 3. no such tasklet takes one\n`)
    expect(kept.source).toContain('// My 3 picks on "Part 3<U+202E> evil\\nline", kept')
    expect(kept.source.startsWith('function (mesh) {')).toBe(true)
  })

  it('falls back to several picks a line when one a line is too long, and gives up past what a policy may hold', () => {
    const many = withPicks(
      part3(),
      Array.from({ length: 900 }, () => ({ run: 'a', take: 'one' as const })),
    )
    const compact = picksAsPolicy(many)!
    expect(compact.source.length).toBeLessThanOrEqual(20_000)
    expect(compact.source).not.toContain('// 1. start')
    expect(
      picksAsPolicy(
        withPicks(
          part3(),
          Array.from({ length: 3000 }, () => ({ run: 'a', take: 'one' as const })),
        ),
      ),
    ).toBeNull()
  })
})
