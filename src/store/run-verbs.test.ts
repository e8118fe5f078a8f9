/**
 * Every verb of the run slice, on a mesh run on the page and on the same
 * mesh with one built-in node swapped for a code node that does exactly
 * what it did, run in the sandbox (a fake worker). The tests are written
 * once against one harness (run-verbs-testing.ts) and run on both; the
 * comparisons at the end run one script of verbs on both and check that
 * they publish the same views.
 */
import { afterEach, describe, expect, it } from 'vitest'

import { playStep } from '../demos/lesson'
import type { LessonStep } from '../engine'
import { pyStr, recordRun, schedulingFigures, Timeline, type RecordedRun } from '../engine'
import { readRun } from '../engine/run-view'
import type { MeshState } from './mesh-store'
import type { TaskletAction } from './run-slice'
import {
  asBuiltIn,
  bothViews,
  endRuns,
  firstActivation,
  harness,
  PART3,
  pingPong,
  published,
  reference,
  RUNAWAY,
  traceLines,
  untraced,
  viewOf,
  type Mesh,
  type Place,
  type Run,
} from './run-verbs-testing'

afterEach(endRuns)

const TASKLET_ACTIONS = ['next', 'last', 'flush', 'clear', 'close', 'restart'] as const

/** Part 3's left branch, re-wired from the doubler to the tripler. */
function rewireLeft(state: MeshState): void {
  const edge = state.document.edges.find((e) => e.source === 'b' && e.port === 'left')!
  state.reconnect(edge.id, { ...edge, target: 't' })
}

/**
 * Eight steps of Part 3 (the doubler has 2 and 4 waiting, the round is at its end), 10 and 12 sent to the
 * doubler, and `action` on it: by hand on a store's run, or on the engine's Timeline.
 */
function handOnDoubler(run: Run, action: TaskletAction): Promise<void>
function handOnDoubler(timeline: Timeline, action: TaskletAction): void
function handOnDoubler(on: Run | Timeline, action: TaskletAction): Promise<void> | void {
  if (on instanceof Timeline) {
    on.run(8)
    on.apply({ type: 'send', node: 'd', values: [10, 12] })
    on.apply({ type: action, node: 'd' })
    return
  }
  return (async () => {
    for (let i = 0; i < 8; i++) await on.act((s) => s.step())
    await on.act((s) => s.send('d', [10, 12]))
    await on.act((s) => s.taskletAction(action, 'd'))
  })()
}

const LESSON: LessonStep[] = [
  { title: 'send', text: '', actions: [{ type: 'send', node: 'b', values: [8] }], run: 'step' },
  { title: 'on', text: '', actions: [{ type: 'flush', node: 'a' }], run: { ticks: 5 } },
  { title: 'end', text: '', run: 'to-end' },
]

/** The run's record, as the run slice makes it wherever the run lives (on the page, in tasks the harness's clock runs as the store settles). */
async function recordOf(run: Run): Promise<RecordedRun> {
  let record: Promise<RecordedRun> | null = null
  await run.act((s) => {
    record = s.recordRun()
  })
  return record!
}

// ---- Each verb, on the page and in the sandbox ------------------------------------------------------------------------------------

describe.each<Place>(['page', 'sandbox'])('the run verbs, with the mesh run on the %s', (place) => {
  it('steps one activation at a time, as the engine does', async () => {
    const run = await harness(place, PART3)
    for (let tick = 1; tick <= 20; tick++) {
      await run.act((s) => s.step())
      expect(published(run.state().run), `tick ${tick}`).toEqual(published(reference(PART3, (t) => t.run(tick))))
    }
    expect(run.state().run.status).toBe('idle')
  })

  it('steps to the end of each taskmaster round', async () => {
    const run = await harness(place, PART3)
    const timeline = new Timeline(PART3.document())
    for (let round = 1; round <= 5; round++) {
      await run.act((s) => s.stepRound())
      timeline.stepRound()
      expect(published(run.state().run), `round ${round}`).toEqual(published(readRun(timeline)))
      expect(run.state().player.activity).toBe('paused')
    }
  })

  it('stops Step round at an activation breakpoint mid-round', async () => {
    const run = await harness(place, PART3)
    await run.act((s) => s.addBreakpoint({ kind: 'activation', node: 'd' }))
    await run.act((s) => s.stepRound())
    await run.act((s) => s.stepRound())
    expect(run.state().run.tick).toBe(8)
    // The third round ends at tick 12; the doubler activates first at tick 9.
    await run.act((s) => s.stepRound())
    const tick = firstActivation(PART3, 'd')
    expect(run.state().breakpointHit).toMatchObject({ message: 'doubler activated', tick })
    expect(published(run.state().run)).toEqual(published(reference(PART3, (t) => t.run(tick))))
  })

  it('reports no breakpoint for a Step onto one: Step does not stop at breakpoints', async () => {
    const run = await harness(place, PART3)
    await run.act((s) => s.addBreakpoint({ kind: 'activation', node: 'a' }))
    await run.act((s) => s.step())
    expect(run.state().run.tick).toBe(1)
    expect(run.state().breakpointHit).toBeNull()
  })

  it('steps back to exactly the earlier state, the trace going back with it', async () => {
    const run = await harness(place, PART3)
    for (let i = 0; i < 9; i++) await run.act((s) => s.step())
    const at9 = viewOf(run.store)
    for (let i = 0; i < 6; i++) await run.act((s) => s.step())
    for (let i = 0; i < 6; i++) await run.act((s) => s.stepBack())
    expect(viewOf(run.store)).toEqual({ ...at9, end: 15 })
  })

  it('seeks back and forward along the history', async () => {
    const run = await harness(place, PART3)
    await run.act((s) => s.runToEnd())
    const end = published(run.state().run)
    await run.act((s) => s.seek(3))
    expect(published(run.state().run)).toEqual({ ...published(reference(PART3, (t) => t.run(3))), end: end.tick })
    await run.act((s) => s.seek(9))
    expect(published(run.state().run)).toEqual({ ...published(reference(PART3, (t) => t.run(9))), end: end.tick })
    await run.act((s) => s.seek(end.tick))
    expect(published(run.state().run)).toEqual(end)
  })

  it('jumps forward more than 2000 ticks untraced, and steps a short way traced', async () => {
    const mesh = pingPong(4000)
    const run = await harness(place, mesh)
    await run.act((s) => s.runToEnd())
    await run.act((s) => s.seek(10))
    await run.act((s) => s.step())
    expect(traceLines(run.store).at(-1)).toMatch(/^11\t/)
    await run.act((s) => s.seek(3000))
    expect(published(run.state().run)).toEqual({ ...published(reference(mesh, (t) => t.run(3000))), end: 4000 })
    expect(untraced(run.store).at(-1)).toEqual([12, 3000])
    await run.act((s) => s.seek(3010))
    expect(run.state().run.tick).toBe(3010)
    expect(traceLines(run.store).at(-1)).toMatch(/^3010\t/)
  })

  it('plays at a speed, a step at once and then one every interval, and stops when paused', async () => {
    const run = await harness(place, PART3)
    await run.act((s) => s.setSpeed(8))
    await run.act((s) => s.play())
    expect(run.state().run.tick).toBe(1)
    expect(run.state().player.activity).toBe('playing')
    // 8 ticks a second: one more every 125 ms.
    await run.frames(20, 50)
    expect(run.state().run.tick).toBe(9)
    await run.act((s) => s.pause())
    await run.frames(20, 50)
    expect(run.state().player.activity).toBe('paused')
    expect(published(run.state().run)).toEqual(published(reference(PART3, (t) => t.run(9))))
  })

  it('keeps the pace when the speed changes while playing: the next step comes one interval of the new speed later', async () => {
    const run = await harness(place, PART3)
    await run.act((s) => s.setSpeed(2))
    await run.act((s) => s.play())
    await run.frames(10, 50)
    expect(run.state().run.tick).toBe(2)
    await run.act((s) => s.setSpeed(8))
    expect(run.state().run.tick).toBe(2)
    await run.frames(5, 50)
    expect(run.state().run.tick).toBe(4)
  })

  it('plays at a speed until a breakpoint, and on from it', async () => {
    const run = await harness(place, PART3)
    await run.act((s) => s.addBreakpoint({ kind: 'activation', node: 't' }))
    await run.act((s) => s.setSpeed(60))
    await run.act((s) => s.play())
    await run.frames(60)
    const tick = firstActivation(PART3, 't')
    expect(run.state().player.activity).toBe('paused')
    expect(run.state().breakpointHit).toMatchObject({ message: 'tripler activated', tick })
    expect(published(run.state().run)).toEqual(published(reference(PART3, (t) => t.run(tick))))
    // The tripler has more to take: the first step of playing on meets the breakpoint again.
    await run.act((s) => s.play())
    await run.frames(60)
    expect(run.state().breakpointHit).toMatchObject({ message: 'tripler activated', tick: tick + 1 })
  })

  describe.each([
    { stop: 'idle', mesh: PART3, notice: null },
    { stop: 'budget', mesh: pingPong(3000), notice: /^The run stopped: the activation budget \(3000\) is spent\.$/ },
    { stop: 'queue-cap', mesh: RUNAWAY, notice: /^The run stopped: .*queue is full \(500 items\)/ },
  ])('to a stop at $stop', ({ mesh, notice }) => {
    const expected = reference(mesh, (t) => t.run())

    it.each([
      ['Turbo', (s: MeshState) => (s.setSpeed('turbo'), s.play())],
      ['Run to end', (s: MeshState) => s.runToEnd()],
    ])('%s runs to where one run of the engine stops, and says why', async (_verb, verb) => {
      const run = await harness(place, mesh)
      await run.act(verb)
      expect(published(run.state().run)).toEqual(published(expected))
      expect(run.state().player.activity).toBe('paused')
      const halted = run.state().notices.find((n) => n.key === 'run-halt')?.text ?? null
      if (notice) expect(halted).toMatch(notice)
      else expect(halted).toBeNull()
    })
  })

  it('stops Turbo at a breakpoint', async () => {
    const run = await harness(place, PART3)
    await run.act((s) => s.addBreakpoint({ kind: 'activation', node: 's' }))
    await run.act((s) => (s.setSpeed('turbo'), s.play()))
    const tick = firstActivation(PART3, 's')
    expect(run.state().breakpointHit).toMatchObject({ message: 'sink activated', tick })
    expect(published(run.state().run)).toEqual(published(reference(PART3, (t) => t.run(tick))))
  })

  it('resets to tick 0, the warning and the breakpoint hit gone', async () => {
    const run = await harness(place, RUNAWAY)
    await run.act((s) => s.runToEnd())
    await run.act((s) => s.reset())
    expect(viewOf(run.store)).toEqual({ ...published(reference(RUNAWAY)), breakpointHit: null, halted: null, activity: 'paused', trace: ['0\trunaway ← 0'] })
  })

  it('sends to a queue and runs nothing, then runs the items sent', async () => {
    const run = await harness(place, PART3)
    const actions = (t: Timeline) => (t.run(3), t.apply({ type: 'send', node: 'd', values: [10, 12] }))
    for (let i = 0; i < 3; i++) await run.act((s) => s.step())
    await run.act((s) => s.send('d', [10, 12]))
    expect(published(run.state().run)).toEqual(published(reference(PART3, actions)))
    await run.act((s) => s.runToEnd())
    expect(published(run.state().run)).toEqual(published(reference(PART3, (t) => (actions(t), t.run()))))
  })

  it.each(TASKLET_ACTIONS)('does %s on one node, as the engine does, and runs on from it', async (action) => {
    const run = await harness(place, PART3)
    await handOnDoubler(run, action)
    expect(published(run.state().run)).toEqual(published(reference(PART3, (t) => handOnDoubler(t, action))))
    for (let i = 0; i < 4; i++) await run.act((s) => s.step())
    expect(published(run.state().run)).toEqual(published(reference(PART3, (t) => (handOnDoubler(t, action), t.run(4)))))
  })

  it('runs to the end after a Close where one run of the engine ends', async () => {
    const run = await harness(place, PART3)
    await handOnDoubler(run, 'close')
    await run.act((s) => s.runToEnd())
    expect(published(run.state().run)).toEqual(published(reference(PART3, (t) => (handOnDoubler(t, 'close'), t.run()))))
  })

  it('picks up a re-wiring and a new scheduler mode while playing, at the tick they are made', async () => {
    const run = await harness(place, PART3)
    const timeline = new Timeline(PART3.document())
    const catchUp = () => timeline.run(run.state().run.tick - timeline.tick)
    const edit = async (change: (s: MeshState) => void) => {
      catchUp()
      await run.act(change)
      timeline.apply({ type: 'update', document: asBuiltIn(run.state().document, PART3) })
      expect(run.state().run.tick).toBe(timeline.tick)
    }
    await run.act((s) => s.setSpeed(4))
    await run.act((s) => s.play())
    await run.frames(25, 50)
    await edit(rewireLeft)
    await run.frames(25, 50)
    await edit((s) => s.setScheduler('taskmaster', 'next'))
    await run.frames(100, 50)
    catchUp()
    expect(run.state().player.activity).toBe('paused')
    expect(published(run.state().run)).toEqual(published(readRun(timeline)))
    // The doubler was cut off early: the tripler got the even items after it.
    expect(run.state().run.outputs.s?.map((o) => pyStr(o.value))).toContain('3x4')
  })

  it('plays lesson steps from tick 0, as the demos play them', async () => {
    const run = await harness(place, PART3)
    for (let i = 0; i < 3; i++) await run.act((s) => s.step())
    await run.act((s) => s.playLesson(LESSON, run.document))
    expect(published(run.state().run)).toEqual(published(reference(PART3, (t) => LESSON.forEach((step) => playStep(t, step)))))
  })

  it('opens a mesh at a far tick, ignoring breakpoints', async () => {
    const mesh = pingPong(4000)
    const run = await harness(place, mesh)
    await run.act((s) => s.addBreakpoint({ kind: 'activation', node: 'q' }))
    await run.act((s) => s.openAtTick(2345))
    expect(published(run.state().run)).toEqual(published(reference(mesh, (t) => t.run(2345))))
    expect(run.state()).toMatchObject({ breakpointHit: null, opening: null, player: { activity: 'paused' } })
  })

  it("records the run's whole history, hand actions and edits too, as the engine records the same run", async () => {
    const run = await harness(place, PART3)
    await run.act((s) => s.send('a', [7, 8]))
    for (let i = 0; i < 5; i++) await run.act((s) => s.step())
    await run.act(rewireLeft)
    await run.act((s) => s.taskletAction('clear', 'b'))
    await run.act((s) => s.runToEnd())
    await run.act((s) => s.seek(4))
    const timeline = new Timeline(PART3.document())
    timeline.apply({ type: 'send', node: 'a', values: [7, 8] })
    timeline.run(5)
    const edge = PART3.document().edges.find((e) => e.source === 'b' && e.port === 'left')!
    const doc = PART3.document()
    timeline.apply({ type: 'update', document: { ...doc, edges: doc.edges.map((e) => (e.id === edge.id ? { ...e, target: 't' } : e)) } })
    timeline.apply({ type: 'clear', node: 'b' })
    timeline.run()
    const expected = recordRun(timeline.history())
    expect(await recordOf(run)).toEqual(expected)
    // The slice keeps the record and its figures while a panel needs them.
    const release = run.state().needRunRecord()
    await run.act(() => undefined)
    expect(run.state().runRecord).toMatchObject({ upTo: expected.lanes.ticks, lanes: expected.lanes, figures: schedulingFigures(expected) })
    release()
  })

  it('opens a mesh at a tick past its end at the end', async () => {
    const run = await harness(place, PART3)
    await run.act((s) => s.openAtTick(100))
    expect(published(run.state().run)).toEqual(published(reference(PART3, (t) => t.run())))
  })
})

// ---- The same script of verbs on both: the same views ----------------------------------------------------------------------------

type Verb = (run: Run) => Promise<void>
const act =
  (verb: (state: MeshState) => unknown): Verb =>
  (run) =>
    run.act(verb)
const times = (n: number, verb: (state: MeshState) => unknown): Verb => act((s) => Array.from({ length: n }, () => verb(s)))
const frames =
  (count: number, ms?: number): Verb =>
  (run) =>
    run.frames(count, ms)

interface Script {
  name: string
  mesh: Mesh
  verbs: Verb[]
}

const SCRIPTS: Script[] = [
  { name: 'is stepped to its end and past it', mesh: PART3, verbs: Array.from({ length: 18 }, () => act((s) => s.step())) },
  { name: 'is stepped round by round', mesh: PART3, verbs: Array.from({ length: 5 }, () => act((s) => s.stepRound())) },
  {
    name: 'is stepped round by round with an activation breakpoint',
    mesh: PART3,
    verbs: [act((s) => s.addBreakpoint({ kind: 'activation', node: 'd' })), ...Array.from({ length: 4 }, () => act((s) => s.stepRound()))],
  },
  { name: 'is stepped onto a breakpoint', mesh: PART3, verbs: [act((s) => s.addBreakpoint({ kind: 'activation', node: 'a' })), act((s) => s.step())] },
  {
    name: 'is run to the end from breakpoint to breakpoint',
    mesh: PART3,
    verbs: [act((s) => s.addBreakpoint({ kind: 'output', node: null, text: '3x' })), ...Array.from({ length: 4 }, () => act((s) => s.runToEnd()))],
  },
  {
    name: 'goes back and forth in time',
    mesh: PART3,
    verbs: [act((s) => s.runToEnd()), act((s) => s.stepBack()), act((s) => s.seek(3)), act((s) => s.seek(9)), act((s) => s.stepBack()), act((s) => s.step())],
  },
  {
    name: 'jumps far ahead and back',
    mesh: pingPong(4000),
    verbs: [act((s) => s.runToEnd()), act((s) => s.seek(100)), act((s) => s.seek(3000)), act((s) => s.seek(3100)), act((s) => s.seek(10))],
  },
  { name: 'is played at a speed and paused', mesh: PART3, verbs: [act((s) => s.setSpeed(8)), act((s) => s.play()), frames(30, 50), act((s) => s.pause()), frames(10, 50)] },
  { name: 'changes speed while playing', mesh: PART3, verbs: [act((s) => s.setSpeed(2)), act((s) => s.play()), frames(10, 50), act((s) => s.setSpeed(8)), frames(5, 50)] },
  { name: 'goes from a speed to Turbo', mesh: pingPong(3000), verbs: [act((s) => s.setSpeed(2)), act((s) => s.play()), frames(10, 50), act((s) => s.setSpeed('turbo'))] },
  {
    name: 'plays to a breakpoint on a queue, and on',
    mesh: PART3,
    verbs: [act((s) => s.addBreakpoint({ kind: 'queue', node: 's', above: 1 })), act((s) => s.setSpeed(60)), act((s) => s.play()), frames(60), act((s) => s.play()), frames(60)],
  },
  { name: 'plays Turbo to the budget, and steps past it', mesh: pingPong(3000), verbs: [act((s) => (s.setSpeed('turbo'), s.play())), act((s) => s.step()), act((s) => s.stepBack())] },
  { name: 'runs away to the queue cap and is reset', mesh: RUNAWAY, verbs: [act((s) => s.runToEnd()), act((s) => s.step()), act((s) => s.reset())] },
  {
    name: 'is acted on by hand, each tasklet action in turn',
    mesh: PART3,
    verbs: [times(8, (s) => s.step()), ...TASKLET_ACTIONS.flatMap((a) => [act((s) => s.send('d', [10, 12])), act((s) => s.taskletAction(a, 'd')), times(2, (s) => s.step())])],
  },
  { name: 'has its doubler closed and runs to the end', mesh: PART3, verbs: [(run) => handOnDoubler(run, 'close'), act((s) => s.runToEnd())] },
  {
    name: 'is re-wired and set to another mode while playing',
    mesh: PART3,
    verbs: [act((s) => s.setSpeed(4)), act((s) => s.play()), frames(25, 50), act(rewireLeft), frames(25, 50), act((s) => s.setScheduler('taskmaster', 'next')), frames(100, 50)],
  },
  {
    name: 'is built on after its end',
    mesh: PART3,
    verbs: [act((s) => s.runToEnd()), act(rewireLeft), act((s) => s.runToEnd()), act((s) => s.setInputs('a', [5, 6])), act((s) => s.runToEnd())],
  },
  {
    name: 'branches its history',
    mesh: PART3,
    verbs: [times(10, (s) => s.step()), act((s) => s.seek(4)), act((s) => s.send('b', [7])), act((s) => s.runToEnd()), act((s) => s.seek(2)), act((s) => s.seek(1000))],
  },
  { name: 'plays a lesson', mesh: PART3, verbs: [times(3, (s) => s.step()), (run) => run.act((s) => s.playLesson(LESSON, run.document))] },
  {
    name: 'opens at a tick and plays on',
    mesh: pingPong(4000),
    verbs: [act((s) => s.openAtTick(2345)), act((s) => s.setSpeed(60)), act((s) => s.play()), frames(10), act((s) => s.pause())],
  },
]

describe('the page and the sandbox publish the same views', () => {
  for (const { name, mesh, verbs } of SCRIPTS) {
    it(`when the mesh ${name}`, async () => {
      const page = await harness('page', mesh)
      const sandbox = await harness('sandbox', mesh)
      for (const [i, verb] of verbs.entries()) {
        await verb(page)
        await verb(sandbox)
        const views = bothViews(page.store, sandbox.store)
        expect(views.sandbox, `after verb ${i + 1}`).toEqual(views.page)
      }
      expect(await recordOf(sandbox), 'the record').toEqual(await recordOf(page))
    })
  }
})
