import { describe, expect, it } from 'vitest'

import { findDemo, openLessonStep } from '../demos'
import { Timeline, withPicks, type HandPick, type MeshDocument } from '../engine'
import { decodeLink, encodeLink } from '../formats/link'
import { ManualClock } from '../runner/clock'
import { createMeshStore, type MeshStore } from './mesh-store'
import { codeChain, sandboxStore, settle as settleSandbox } from './sandbox-testing'
import { shownRun, shownTimeline } from './testing'

const demo = findDemo('you-are-the-scheduler')!

function setup(document: MeshDocument = demo.document): { store: MeshStore; clock: ManualClock } {
  const clock = new ManualClock()
  return { store: createMeshStore({ document, clock, sandbox: null, compareSandbox: null }), clock }
}

/** Runs the page's fast runs (a drain's turn, opening at a tick) until they are done. */
function settle(clock: ManualClock): void {
  for (let i = 0; i < 1000 && clock.pendingTasks > 0; i++) clock.runTasks()
}

const picksOf = (store: MeshStore): HandPick[] => store.getState().document.hand?.picks ?? []

/** What a fresh run of the document shows once it has taken all its picks. */
function replayed(document: MeshDocument) {
  const timeline = new Timeline(document)
  timeline.run()
  return shownTimeline(timeline)
}

/** start, branch, start, branch, doubler, sink: the first picks of a game. */
const GAME = ['a', 'b', 'a', 'b', 'd', 's']

describe('the hand slice', () => {
  it('records each pick in the document and runs it, then waits for the next', () => {
    const { store } = setup()
    for (const id of GAME) expect(store.getState().pickTasklet(id)).toBeNull()
    expect(picksOf(store)).toEqual(GAME.map((run) => ({ run, take: 'one' })))
    expect(store.getState().run).toMatchObject({ tick: 6, status: 'halted', halt: 'pick' })
    expect(store.getState().notices.filter((n) => n.key === 'run-halt')).toEqual([])
    expect(shownRun(store)).toEqual(replayed(store.getState().document))
  })

  it('drains a queue when the pick takes all, by the toggle or the other way round', () => {
    const { store, clock } = setup()
    store.getState().setHandTake('all')
    store.getState().pickTasklet('a')
    settle(clock)
    expect(store.getState().run.tick).toBe(8)
    expect(store.getState().pickNumber(4, true)).toBeNull()
    expect(store.getState().run.tick).toBe(9)
    expect(picksOf(store)).toEqual([
      { run: 'a', take: 'all' },
      { run: 'b', take: 'one' },
    ])
  })

  it('picks by number in the scheduler order, 1 to 9', () => {
    const { store } = setup()
    expect(store.getState().pickNumber(5)).toBeNull()
    expect(picksOf(store)).toEqual([{ run: 'a', take: 'one' }])
    expect(store.getState().pickNumber(7)).toBe('No tasklet has the number 7: the numbers go from 1 to 6.')
  })

  describe('refuses a pick it cannot take, says why, and changes nothing', () => {
    it.each([
      ['an unknown tasklet', 'ghost', 'No tasklet of this mesh has the id "ghost".'],
      ['a tasklet named like a prototype key', '__proto__', 'No tasklet of this mesh has the id "__proto__".'],
      ['one with nothing queued', 's', 'sink has no items to take: pick a tasklet with items.'],
    ])('%s', (_what, id, message) => {
      const { store } = setup()
      store.getState().pickTasklet('a')
      const before = { document: store.getState().document, run: store.getState().run, past: store.temporal.getState().pastStates.length }
      expect(store.getState().pickTasklet(id)).toBe(message)
      expect(store.getState().document).toBe(before.document)
      expect(store.getState().run).toBe(before.run)
      expect(store.temporal.getState().pastStates).toHaveLength(before.past)
      expect(store.getState().notices.at(-1)).toMatchObject({ key: 'hand-pick', text: message })
    })

    it('while another scheduler runs the mesh', () => {
      const { store } = setup({ ...demo.document, scheduler: 'taskmaster' })
      expect(store.getState().pickTasklet('a')).toMatch(/^You pick who runs when you are the scheduler: choose "hand"/)
      expect(store.getState().document.hand).toBeUndefined()
    })

    it('in the middle of a drain the run was stepped back into', () => {
      const { store, clock } = setup()
      store.getState().pickTasklet('a', 'all')
      settle(clock)
      store.getState().seek(3)
      expect(store.getState().pickTasklet('b')).toMatch(/^start is still draining its queue: step on to the end of its turn/)
      expect(picksOf(store)).toEqual([{ run: 'a', take: 'all' }])
    })
  })

  describe('going back and forth', () => {
    it('steps back and forward along the picks, and seeks anywhere, as a fresh run of them shows', () => {
      const { store } = setup()
      for (const id of GAME) store.getState().pickTasklet(id)
      const document = store.getState().document
      const at = (tick: number) => {
        const timeline = new Timeline(document)
        timeline.seek(0)
        timeline.run(tick)
        return shownTimeline(timeline)
      }
      store.getState().stepBack()
      expect(shownRun(store)).toEqual(at(5))
      // Stepping back leaves every pick in the document: the next step takes the one recorded.
      expect(store.getState().document.hand).toEqual(document.hand)
      expect(store.getState().run).toMatchObject({ status: 'paused', nextUp: 's' })
      store.getState().seek(2)
      expect(shownRun(store)).toEqual(at(2))
      store.getState().step()
      store.getState().step()
      expect(shownRun(store)).toEqual(at(4))
      store.getState().seek(6)
      expect(shownRun(store)).toEqual(at(6))
      expect(store.getState().run.halt).toBe('pick')
    })

    it('keeps the later picks when the same pick is made again, and replaces them with another', () => {
      const { store } = setup()
      for (const id of GAME) store.getState().pickTasklet(id)
      store.getState().seek(2)
      const past = store.temporal.getState().pastStates.length
      store.getState().pickTasklet('a')
      expect(picksOf(store)).toHaveLength(6)
      expect(store.temporal.getState().pastStates).toHaveLength(past)
      expect(store.getState().run.end).toBe(6)
      store.getState().pickTasklet('a')
      expect(picksOf(store).map((p) => p.run)).toEqual(['a', 'b', 'a', 'a'])
      expect(store.getState().run).toMatchObject({ tick: 4, end: 4, halt: 'pick' })
      expect(shownRun(store)).toEqual(replayed(store.getState().document))
    })

    it('undoes the last pick, the run going back to where it was made; redo gives it back to step on to', () => {
      const { store, clock } = setup()
      for (const id of GAME) store.getState().pickTasklet(id)
      const end = shownRun(store)
      store.getState().undo()
      expect(picksOf(store)).toHaveLength(5)
      expect(store.getState().run).toMatchObject({ tick: 5, halt: 'pick' })
      expect(shownRun(store)).toEqual(replayed(store.getState().document))
      store.getState().undo()
      expect(store.getState().run.tick).toBe(4)
      store.getState().redo()
      store.getState().redo()
      expect(picksOf(store)).toHaveLength(6)
      expect(store.getState().run).toMatchObject({ tick: 4, status: 'paused', nextUp: 'd' })
      store.getState().runToEnd()
      settle(clock)
      expect(shownRun(store)).toEqual(end)
      // The hand bar's Undo pick does the same, as an edit of its own.
      store.getState().undoPick()
      expect(picksOf(store)).toHaveLength(5)
      expect(store.getState().run.tick).toBe(5)
    })
  })

  it('carries the picks in a link at a tick, which opens to the same run', () => {
    const { store } = setup()
    for (const id of GAME) store.getState().pickTasklet(id)
    store.getState().seek(4)
    const link = encodeLink(store.getState().document, { tick: store.getState().run.tick })
    const decoded = decodeLink(link)
    expect(decoded.ok && decoded.document.hand).toEqual(store.getState().document.hand)
    expect(decoded.ok && decoded.tick).toBe(4)
    const opened = setup()
    if (!decoded.ok) throw new Error(decoded.error)
    opened.store.getState().openMesh(decoded.document, { tick: decoded.tick })
    settle(opened.clock)
    expect(shownRun(opened.store)).toEqual(shownRun(store))
    opened.store.getState().runToEnd()
    settle(opened.clock)
    expect(opened.store.getState().run).toMatchObject({ tick: 6, halt: 'pick' })
  })

  it('keeps the picks as a written policy that schedules the mesh, in one undoable edit', () => {
    const { store } = setup()
    expect(store.getState().keepPicksAsPolicy()).toBe('Make a pick first: there is nothing to keep yet.')
    for (const id of GAME) store.getState().pickTasklet(id)
    const hand = store.getState().document
    expect(store.getState().keepPicksAsPolicy()).toBeNull()
    const { document } = store.getState()
    expect(document.scheduler).toBe('policy')
    expect(document.policy?.name).toBe('My picks')
    expect(document.policy?.source).toContain(`["d", 'one'], // 5. doubler takes one`)
    expect(document.hand).toEqual(hand.hand)
    expect(store.getState().isCodeTrusted(document.policy!.source)).toBe(true)
    store.getState().undo()
    expect(store.getState().document).toBe(hand)
  })
})

describe('picking in the sandbox, for a mesh with code nodes', () => {
  const PASS = `function* (ports) {
  while (true) ports.out.send(yield)
}`

  it('takes each pick once the sandbox has the last, refuses one before, and undoes one back where it was made', async () => {
    const store = sandboxStore(withPicks(codeChain(PASS, 'pass', [1, 2]), []))
    store.getState().trustCode([PASS])
    await settleSandbox(store)
    expect(store.getState().run).toMatchObject({ halt: 'pick' })
    expect(store.getState().pickTasklet('a')).toBeNull()
    // Asked before the sandbox answered: the run's picks are not known yet, and the pick would replace the last.
    expect(store.getState().pickTasklet('a')).toBe('The run is still taking your last pick: pick again in a moment.')
    await settleSandbox(store)
    for (const id of ['c', 'a', 's']) {
      expect(store.getState().pickTasklet(id)).toBeNull()
      await settleSandbox(store)
    }
    expect(picksOf(store).map((p) => p.run)).toEqual(['a', 'c', 'a', 's'])
    expect(store.getState().run).toMatchObject({ tick: 4, halt: 'pick' })
    expect(store.getState().run.outputs.s?.map((o) => o.value)).toEqual([2])
    store.getState().undo()
    await settleSandbox(store)
    expect(store.getState().run).toMatchObject({ tick: 3, halt: 'pick' })
    expect(store.getState().run.outputs.s ?? []).toEqual([])
    store.getState().reset(demo.document)
  })
})

describe("a lesson's challenge", () => {
  it('is checked as the picks are made, and says won once they meet it', () => {
    const { store } = setup()
    const index = demo.document.lesson.steps.findIndex((s) => s.title === 'Print 3x3 before 2x2')
    store.getState().openDemo(demo, index)
    expect(store.getState().challenge).toEqual({ goal: 'Make sink print 3x3 before 2x2.', won: false, detail: 'not yet: sink has not printed 3x3' })
    for (const id of ['a', 'b', 'a', 'b', 'a', 'r', 'b', 't', 's']) store.getState().pickTasklet(id)
    expect(store.getState().challenge).toMatchObject({ won: false, detail: 'not yet: sink has not printed 2x2' })
    store.getState().pickTasklet('d')
    store.getState().pickTasklet('s')
    expect(store.getState().challenge).toMatchObject({ won: true, detail: 'won: sink printed 3x3 at tick 9, then 2x2 at tick 11' })
    // Stepping back leaves the picks, and so the verdict; undoing a pick takes it back.
    store.getState().stepBack()
    expect(store.getState().challenge?.won).toBe(true)
    store.getState().undo()
    expect(store.getState().challenge?.won).toBe(false)
  })

  it('starts each challenge afresh, and is gone on a step without one', () => {
    const { store } = setup()
    store.getState().openDemo(demo, 1)
    store.getState().pickTasklet('a')
    store.getState().goToLessonStep(2)
    expect(store.getState().document.hand?.picks ?? []).toEqual([])
    expect(shownRun(store)).toEqual(shownTimeline(openLessonStep(demo.document, 2)))
    expect(store.getState().challenge?.goal).toMatch(/^Starve recycler/)
    store.getState().goToLessonStep(0)
    expect(store.getState().challenge).toBeNull()
  })
})
