import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { checkChallenge, compareSchedulers, parseChallenge, parseDocument, Timeline, watchedNode, withPicks, type HandPick, type MeshDocument } from '../engine'
import { compileCoroutine } from '../sandbox/compile'
import { TrustedCode } from '../sandbox/trust'
import { DEMOS, findDemo, lessonless, openLessonStep, playStep, showing, type Demo } from './index'

const DIR = fileURLToPath(new URL('.', import.meta.url))
const meshFiles = readdirSync(DIR).filter((name) => name.endsWith('.mesh.json'))

/** A run of the demo as the page has it: code nodes compiled, as the sandbox worker (and `npm run simulate -- --allow-code`) compiles them. */
const runOf = (demo: Demo) => new Timeline(lessonless(demo.document), { compile: compileCoroutine })

/** Plays the lesson step by step, handing each step and what the run shows after it to `check`. */
function walk(demo: Demo, check: (index: number, timeline: Timeline) => void): Timeline {
  const timeline = runOf(demo)
  demo.document.lesson.steps.forEach((step, index) => {
    playStep(timeline, step)
    check(index, timeline)
  })
  return timeline
}

describe('the demo documents', () => {
  it.each(meshFiles)('%s is a valid mesh document', (name) => {
    const parsed = parseDocument(JSON.parse(readFileSync(`${DIR}/${name}`, 'utf8')))
    expect(parsed.ok ? [] : parsed.errors).toEqual([])
  })

  it("are one file per demo, each demo's document read from its file", () => {
    expect(meshFiles.sort()).toEqual(DEMOS.map((d) => `${d.id}.mesh.json`).sort())
    for (const demo of DEMOS) {
      const parsed = parseDocument(JSON.parse(readFileSync(`${DIR}/${demo.id}.mesh.json`, 'utf8')))
      // The lesson is written beside the file, in the demo's TypeScript (one source of truth, with what each step shows for these tests).
      expect(parsed).toEqual({ ok: true, document: lessonless(demo.document) })
    }
  })
})

describe('the gallery', () => {
  it('has the five demos of the issue, the smart router, rewiring and you as the scheduler, in order, each found by its id', () => {
    expect(DEMOS.map((d) => d.id)).toEqual(['part3-mesh', 'priority-echoers', 'ping-pong', 'tasklet-tour', 'flush-vs-next', 'smart-router', 'rewiring', 'you-are-the-scheduler'])
    for (const demo of DEMOS) {
      expect(findDemo(demo.id)).toBe(demo)
      expect(demo.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/)
      expect(demo.title.length).toBeGreaterThan(0)
      expect(demo.summary.length).toBeGreaterThan(0)
      expect(demo.document.lesson.steps.length).toBeGreaterThanOrEqual(3)
    }
    expect(findDemo('nope')).toBeUndefined()
  })

  it('gives every step a title and text, and points only at nodes that are there', () => {
    for (const demo of DEMOS) {
      walk(demo, (index, timeline) => {
        const step = demo.document.lesson.steps[index]!
        expect(step.title.trim()).not.toBe('')
        expect(step.text.trim()).not.toBe('')
        const focus = watchedNode(step.watch)
        if (focus) expect(timeline.sim.nodes.has(focus), `${demo.id} step ${index} focus ${focus}`).toBe(true)
        for (const action of step.actions ?? []) {
          if ('node' in action) expect(timeline.sim.nodes.has(action.node), `${demo.id} step ${index}`).toBe(true)
        }
      })
    }
  })
})

describe("the demos' code", () => {
  it('is trusted as built-in code, so a demo never asks before it runs', () => {
    const trust = new TrustedCode()
    const sources = DEMOS.flatMap((demo) => demo.document.nodes.flatMap((n) => (n.code ? [n.code.source] : [])))
    expect(sources.length).toBeGreaterThan(0)
    for (const source of sources) expect(trust.has(source)).toBe(true)
    expect(trust.has(`${sources[0]} `)).toBe(false)
  })

  it('compiles, and no node of any demo ends its lesson with an error', () => {
    for (const demo of DEMOS) {
      const end = walk(demo, () => {})
      expect(end.sim.order.filter((n) => n.tasklet.error).map((n) => `${demo.id}: ${n.id}`)).toEqual([])
    }
  })
})

describe('the lessons', () => {
  it.each(DEMOS.map((d) => [d.id, d] as const))('%s shows what each step promises', (_id, demo) => {
    let checked = 0
    walk(demo, (index, timeline) => {
      const promised = demo.shows[index]
      if (!promised) return
      const now = showing(timeline)
      const where = `${demo.id}, step ${index + 1} "${demo.document.lesson.steps[index]!.title}"`
      if (promised.tick !== undefined) expect(now.tick, where).toBe(promised.tick)
      if (promised.outputs) expect(now.outputs, where).toEqual(promised.outputs)
      for (const [node, queue] of Object.entries(promised.queues ?? {})) expect(now.queues[node], `${where}, ${node}'s queue`).toEqual(queue)
      checked++
    })
    expect(checked).toBeGreaterThanOrEqual(3)
  })

  it.each(DEMOS.map((d) => [d.id, d] as const))('%s opens at any step the same as played through', (_id, demo) => {
    const played: ReturnType<typeof showing>[] = []
    walk(demo, (_index, timeline) => played.push(showing(timeline)))
    const reused = runOf(demo)
    for (let index = demo.document.lesson.steps.length - 1; index >= 0; index--) {
      expect(showing(openLessonStep(demo.document, index, reused))).toEqual(played[index])
    }
  })

  it("the Part 3 mesh prints the seed's lines: 2x2, 2x4, 3x1, 3x3, then 11 and 2x12", () => {
    const outputs = showing(walk(findDemo('part3-mesh')!, () => {})).outputs
    expect(outputs).toEqual(['2x2', '2x4', '3x1', '3x3', '11', '2x12'].map((item) => `Sink got: ${item}`))
  })

  it("the echoers print in the seed's order first, then interleaved in incremental mode", () => {
    const demo = findDemo('priority-echoers')!
    const timeline = openLessonStep(demo.document, 2)
    expect(showing(timeline).outputs).toEqual(
      ['Goodbye, womb!', 'Au revoir, womb!', 'Ciao, womb!', 'Hello, world!', 'Bonjour, world!', 'Ola, world!'].map((item) => `Sink got: ${item}`),
    )
    const end = walk(demo, () => {})
    expect(end.sim.schedulerMode).toBe('next')
  })

  it('the ping-pong stops on its budget after 10,000 activations of each tasklet', () => {
    const timeline = walk(findDemo('ping-pong')!, () => {})
    expect(timeline.sim.halt).toBe('budget')
    expect(timeline.sim.nodes.get('first')!.activations).toBe(10_000)
    expect(timeline.sim.nodes.get('second')!.activations).toBe(10_000)
  })

  it('the Tasklet tour closes, sets, rescopes and restarts the tasklet', () => {
    const demo = findDemo('tasklet-tour')!
    const at = (title: string) =>
      openLessonStep(
        demo.document,
        demo.document.lesson.steps.findIndex((s) => s.title === title),
      ).sim
    expect(at('close').nodes.get('task')!.tasklet.closed).toBe(true)
    expect(at('set: a tripler now').nodes.get('task')!.kind).toBe('tripler')
    expect(at('rescope: a new target').document.edges.map((e) => e.target)).toEqual(['new_sink'])
    expect(at('A closed tasklet does nothing').nodes.get('task')!.tasklet.closed).toBe(true)
    expect(at('restart').nodes.get('task')!.tasklet.closed).toBe(false)
  })

  it('the smart router learns a way for even and odd numbers, sends text past the wires, and learns anew when a wire goes', () => {
    const demo = findDemo('smart-router')!
    const sent = (timeline: Timeline, from: number) => {
      const routes: string[] = []
      timeline.setTrace((event) => {
        if (event.type === 'emit' && event.tick > from && event.from === 'router') routes.push(`${String(event.value)}→${event.to}`)
      })
      return routes
    }
    const timeline = openLessonStep(demo.document, 1, runOf(demo))
    const routes = sent(timeline, timeline.tick)
    playStep(timeline, demo.document.lesson.steps[2]!)
    expect(routes).toEqual(['3→tripler', '4→doubler', '5→tripler'])
    routes.length = 0
    playStep(timeline, demo.document.lesson.steps[3]!)
    expect(routes).toEqual(['hello→sink', '11→tripler', '12→doubler'])
    expect(timeline.sim.document.edges.some((e) => e.source === 'router' && e.target === 'sink')).toBe(false)
    routes.length = 0
    playStep(timeline, demo.document.lesson.steps[4]!)
    expect(routes).toEqual(['21→tripler', '22→tripler'])
    expect(timeline.sim.document.edges.filter((e) => e.source === 'router').map((e) => e.target)).toEqual(['tripler'])
  })

  it('without a compiler the smart router stays closed, saying its code did not run', () => {
    const demo = findDemo('smart-router')!
    const closed = openLessonStep(demo.document, demo.document.lesson.steps.length - 1).sim.nodes.get('router')!.tasklet
    expect(closed.closed).toBe(true)
    expect(closed.error?.message).toMatch(/not been allowed to run/)
  })

  it('flush versus next compares the two modes: the same outputs in another order', () => {
    const demo = findDemo('flush-vs-next')!
    const [flush, next] = compareSchedulers(demo.document, demo.compare!)
    expect(flush!.outputs).toEqual(['2x2', '2x3', '2x4', '3x2', '3x3', '3x4'])
    expect(next!.outputs).toEqual(['2x2', '3x2', '2x3', '3x3', '2x4', '3x4'])
    expect(flush!.ticks).toBe(next!.ticks)
  })
})

describe('you are the scheduler', () => {
  const demo = findDemo('you-are-the-scheduler')!
  const challengeOf = (title: string) => {
    const step = demo.document.lesson.steps.find((s) => s.title === title)
    if (!step?.challenge) throw new Error(`no challenge in "${title}"`)
    return step.challenge
  }
  const picks = (keys: string): HandPick[] => keys.split(' ').map((run) => (run.endsWith('*') ? { run: run.slice(0, -1), take: 'all' } : { run, take: 'one' }))
  const played = (keys: string): MeshDocument => withPicks(demo.document, picks(keys))
  const schedulers = [
    { scheduler: 'taskmaster', mode: 'flush' },
    { scheduler: 'taskmaster', mode: 'next' },
    { scheduler: 'priority', mode: 'flush' },
    { scheduler: 'priority', mode: 'next' },
  ] as const

  it('opens waiting for the first pick, with nothing picked', () => {
    const timeline = openLessonStep(demo.document, 0)
    expect(timeline.sim.document.scheduler).toBe('hand')
    expect(timeline.step()).toBe(false)
    expect(timeline.sim.halt).toBe('pick')
  })

  it('sets challenges on three steps, each one as the engine reads one from elsewhere, with a hint', () => {
    const set = demo.document.lesson.steps.filter((s) => s.challenge)
    expect(set.map((s) => s.challenge!.kind)).toEqual(['order', 'starve', 'drain'])
    for (const step of set) {
      expect(parseChallenge(JSON.parse(JSON.stringify(step.challenge)))).toEqual({ ok: true, challenge: step.challenge })
      expect(step.hint?.length).toBeGreaterThan(20)
      expect(checkChallenge(step.challenge!, demo.document).won).toBe(false)
    }
  })

  it('is won at "Print 3x3 before 2x2" by picks that let the branch send 3 right, and not by any built-in scheduler', () => {
    const challenge = challengeOf('Print 3x3 before 2x2')
    // start, branch (1 to the recycler), start, branch (2 to the doubler), start, recycler (1 back to start), branch (3 to the tripler), tripler, sink, then the doubler's 2x2.
    const win = played('a b a b a r b t s d s')
    expect(checkChallenge(challenge, win)).toEqual({ won: true, detail: expect.stringMatching(/^won: sink printed 3x3 at tick 9, then 2x2 at tick 11$/) })
    expect(checkChallenge(challenge, played('a b a b a r b t s'))).toEqual({ won: false, detail: 'not yet: sink has not printed 2x2' })
    for (const spec of schedulers) expect(checkChallenge(challenge, { ...demo.document, ...spec }).won, `${spec.scheduler} ${spec.mode}`).toBe(false)
  })

  it('is won at "Starve the recycler" by keeping it waiting 20 ticks, which the taskmaster never does', () => {
    const challenge = challengeOf('Starve the recycler')
    const win = played('a b a b a b a b a b a b a b a b t t d d d d s s s s s s')
    const result = checkChallenge(challenge, win)
    expect(result.won).toBe(true)
    expect(result.detail).toMatch(/^won: recycler had items and did not run for 2\d ticks/)
    for (const mode of ['flush', 'next'] as const) expect(checkChallenge(challenge, { ...demo.document, scheduler: 'taskmaster', mode }).won, mode).toBe(false)
  })

  it('is won at "Drain it in 32" by giving the recycler only the draws that send items on, which no built-in scheduler does', () => {
    const challenge = challengeOf('Drain it in 32')
    const win = played('a b a b d s a b a b d s a a a a r s r s b b d s b b d s r s r s')
    expect(checkChallenge(challenge, win)).toEqual({ won: true, detail: 'won: the mesh drained in 32 activations (at most 32)' })
    for (const spec of schedulers) {
      const taken = checkChallenge(challenge, { ...demo.document, ...spec })
      expect(taken.won, `${spec.scheduler} ${spec.mode}`).toBe(false)
      expect(taken.detail).toMatch(/^not yet: the mesh drained in 38 activations/)
    }
  })

  it('replays a game the same in single steps as run to the end, and a drain pick as its single picks', () => {
    const doc = played('a* b b b b b b b b d* t t s* r')
    const whole = new Timeline(doc)
    whole.run()
    const stepped = new Timeline(doc)
    while (stepped.step());
    expect(showing(stepped)).toEqual(showing(whole))
    expect(whole.sim.halt).toBe('pick')
    const single = new Timeline(played('a a a a a a a a b b b b b b b b d d d d t t s s s s s s r'))
    single.run()
    expect(showing(single)).toEqual(showing(whole))
  })
})
