import { describe, expect, it } from 'vitest'
import part3Json from '../demos/part3-mesh.mesh.json'
import { answerQuestion, checkAnswer, type Answer } from './answer'
import { parseDocument, type MeshDocument } from './document'
import type { Question } from './question'
import { Timeline } from './timeline'

function part3(): MeshDocument {
  const parsed = parseDocument(part3Json)
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'))
  return parsed.document
}

function answer(run: Timeline, question: Question): Answer {
  const result = answerQuestion(run, question)
  if (!result.ok) throw new Error(result.reason)
  return result.answer
}

describe('the engine answers a question', () => {
  it('of which tasklet runs next: start, the only tasklet with items, at tick 0 of Part 3', () => {
    const run = new Timeline(part3())
    const next = answer(run, { kind: 'next-tasklet', prompt: 'Which runs first?', explain: 'Only start has items.' })
    expect(next).toMatchObject({ kind: 'next-tasklet', node: 'a', shown: 'start' })
    expect(checkAnswer({ kind: 'next-tasklet', prompt: '', explain: 'Only start has items.' }, next, 'a')).toEqual({
      right: true,
      detail: 'Right: start ran next: the taskmaster gives each tasklet its turn in node order, and start was the next one with work (it had 4 items). Only start has items.',
    })
    expect(checkAnswer({ kind: 'next-tasklet', prompt: '' }, next, 'b').right).toBe(false)
    expect(checkAnswer({ kind: 'next-tasklet', prompt: '' }, next, null).right).toBe(false)
  })

  it('of what the sink prints next: 2x2, typed with or without "Sink got:"', () => {
    const run = new Timeline(part3())
    const q: Question = { kind: 'next-output', prompt: 'What is printed first?' }
    const printed = answer(run, q)
    expect(printed).toMatchObject({ text: '2x2', node: 's', tick: 13 })
    expect(checkAnswer(q, printed, ' Sink got: 2x2 ').right).toBe(true)
    expect(checkAnswer(q, printed, '2x2').right).toBe(true)
    expect(checkAnswer(q, printed, '3x1').right).toBe(false)
    expect(checkAnswer(q, printed, null).right).toBe(false)
  })

  it('of what is printed next once nothing more is: "nothing more is printed" is the answer', () => {
    const run = new Timeline(part3())
    run.run()
    const q: Question = { kind: 'next-output', prompt: 'And now?' }
    const printed = answer(run, q)
    expect(printed).toMatchObject({ text: null, shown: 'nothing more is printed' })
    expect(checkAnswer(q, printed, null).right).toBe(true)
    expect(checkAnswer(q, printed, '2x2').right).toBe(false)
  })

  it("of a queue's length after a step and after a round", () => {
    const run = new Timeline(part3())
    // One step is one item: start takes 0 and sends 1 on; in its turn of the round it drains all four.
    expect(answer(run, { kind: 'queue-length', prompt: '', node: 'b', after: 'step' })).toMatchObject({ length: 1, shown: '1 item' })
    expect(answer(run, { kind: 'queue-length', prompt: '', node: 'a', after: 'step' })).toMatchObject({ length: 3 })
    const round = answer(run, { kind: 'queue-length', prompt: '', node: 'b', after: 'round' })
    expect(round).toMatchObject({ length: 4, why: 'branch holds 4 items after the round (4 activations): it had 0, took 0 and was sent 4.' })
    expect(answerQuestion(run, { kind: 'queue-length', prompt: '', node: '__proto__', after: 'step' })).toEqual({
      ok: false,
      reason: 'The mesh has no tasklet "__proto__" to ask about.',
    })
  })

  it("of the wire an item takes: the branch's own random draw decides it", () => {
    const run = new Timeline(part3())
    const wire = answer(run, { kind: 'wire', prompt: '', node: 'b' })
    expect(wire).toMatchObject({ edge: 'b.right-t', target: 't' })
    expect(wire.why).toBe('branch sent 1 along branch → tripler (port right), at tick 5; its random draw randint(1, 2) = 2 decided it.')
    expect(checkAnswer({ kind: 'wire', prompt: '', node: 'b' }, wire, 'b.right-t').right).toBe(true)
    expect(checkAnswer({ kind: 'wire', prompt: '', node: 'b' }, wire, 'b.rand-r').right).toBe(false)
    // Another seed, another draw.
    const other = new Timeline({ ...part3(), seed: 1 })
    const drawn = answer(other, { kind: 'wire', prompt: '', node: 'b' })
    expect(drawn.why).toMatch(/randint\(1, 2\) = \d decided it/)
  })

  it('without moving the run it was asked of', () => {
    const run = new Timeline(part3())
    run.run(5)
    const before = run.sim.order.map((n) => n.tasklet.items.toArray())
    for (const q of [
      { kind: 'next-output', prompt: '' },
      { kind: 'queue-length', prompt: '', node: 'b', after: 'round' },
      { kind: 'wire', prompt: '', node: 'r' },
    ] as const)
      answer(run, q)
    expect(run.tick).toBe(5)
    expect(run.sim.order.map((n) => n.tasklet.items.toArray())).toEqual(before)
    expect(run.sim.outputs.toArray()).toEqual([])
  })

  it("of multiple choice: the author's option, and hostile text kept as text", () => {
    const q: Question = { kind: 'choice', prompt: '<img src=x onerror=alert(1)>', options: ['<b>one</b>', 'two'], answer: 0, explain: '<script>x</script>' }
    const result = answerQuestion(new Timeline(part3()), q)
    expect(result).toEqual({ ok: true, answer: { kind: 'choice', index: 0, shown: '<b>one</b>', why: '' } })
    if (!result.ok) return
    expect(checkAnswer(q, result.answer, 1)).toEqual({ right: false, detail: 'Not quite: the answer is <b>one</b>. <script>x</script>' })
    expect(checkAnswer(q, result.answer, 0).right).toBe(true)
  })

  it('not, on a mesh with code nodes and no compiler: no answer rather than a wrong one', () => {
    const doc = part3()
    const coded: MeshDocument = { ...doc, nodes: doc.nodes.map((n, i) => (i === 0 ? { ...n, kind: 'code' as const, params: { source: 'def run(self, item):\n    pass\n' } } : n)) }
    const result = answerQuestion(new Timeline(coded), { kind: 'next-tasklet', prompt: '' })
    expect(result).toEqual({ ok: false, reason: 'Questions on meshes with code nodes are not answered yet: their run lives in the sandbox.' })
  })
})
