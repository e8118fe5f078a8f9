/**
 * Every question kind's answer, on every demo at every lesson step, agrees
 * with what the run then does: a second, independent run of the lesson to
 * that step, stepped on and watched.
 */
import { describe, expect, it } from 'vitest'

import { answerQuestion, pyStr, Timeline, type Answer, type Question, type TraceEvent } from '../engine'
import { compileCoroutine } from '../sandbox/compile'
import { DEMOS, lessonless, openLessonStep, type Demo } from './index'

const options = { compile: compileCoroutine }

/** A run of the demo's lesson with steps 0..index played, code compiled as the worker compiles it. */
function runAt(demo: Demo, index: number): Timeline {
  return openLessonStep(demo.document, index, new Timeline(lessonless(demo.document), options))
}

/** Steps `timeline` on, handing every event to `watch`, until it says done, no step happens, or `max` steps. */
function stepUntilSeen(timeline: Timeline, watch: (event: TraceEvent) => boolean, max = 10_000): void {
  let seen = false
  timeline.setTrace((event) => {
    if (!seen && watch(event)) seen = true
  })
  for (let i = 0; i < max && !seen && timeline.step(); i++);
  timeline.setTrace(null)
}

function answered(run: Timeline, question: Question): Answer {
  const result = answerQuestion(run, question, options)
  if (!result.ok) throw new Error(result.reason)
  return result.answer
}

const places = DEMOS.flatMap((demo) => (demo.document.lesson?.steps ?? []).map((step, index) => ({ demo, index, name: `${demo.id} step ${index + 1} (${step.title})` })))

describe('the engine answers every question kind as the run then goes', () => {
  it.each(places)('$name', ({ demo, index }) => {
    const run = runAt(demo, index)
    const tick = run.tick
    const queues = run.sim.order.map((n) => n.tasklet.items.toArray())
    const ids = run.sim.order.map((n) => n.id)

    // Which tasklet runs next: the first activation of a stepped copy.
    const next = answered(run, { kind: 'next-tasklet', prompt: '?' })
    let activated: string | null = null
    const one = runAt(demo, index)
    one.setTrace((e) => {
      if (e.type === 'activation' && activated === null) activated = e.node
    })
    one.step()
    expect(next.kind === 'next-tasklet' && next.node).toBe(activated)

    // What is printed next: the first output of a copy run on.
    const printed = answered(run, { kind: 'next-output', prompt: '?' })
    let line: string | null = null
    stepUntilSeen(runAt(demo, index), (e) => {
      if (e.type !== 'output') return false
      line = pyStr(e.value)
      return true
    })
    expect(printed.kind === 'next-output' && printed.text).toBe(line)

    for (const node of ids) {
      // Each queue after one step, and after the round.
      for (const after of ['step', 'round'] as const) {
        const length = answered(run, { kind: 'queue-length', prompt: '?', node, after })
        const copy = runAt(demo, index)
        if (after === 'step') copy.step()
        else copy.stepRound()
        expect(length.kind === 'queue-length' && length.length, `${node} after the ${after}`).toBe(copy.sim.nodes.get(node)!.tasklet.items.length)
      }
      // The wire of the node's next emit: the target of its first emit in a copy run on.
      const wire = answered(run, { kind: 'wire', prompt: '?', node })
      let target: string | null = null
      let port: string | null = null
      const copy = runAt(demo, index)
      stepUntilSeen(copy, (e) => {
        if (e.type === 'emit' && e.from === node) {
          target = e.to
          port = e.port
          return true
        }
        return e.type === 'drop' && e.node === node
      })
      expect(wire.kind === 'wire' && wire.target, `${node}'s next wire`).toBe(target)
      if (wire.kind === 'wire' && wire.edge !== null) {
        const edge = copy.sim.mesh.edges.find((e) => e.id === wire.edge)
        expect(edge && [edge.source, edge.port, edge.target]).toEqual([node, port, target])
      }
    }

    // The real run did not move.
    expect(run.tick).toBe(tick)
    expect(run.sim.order.map((n) => n.tasklet.items.toArray())).toEqual(queues)
  })
})
