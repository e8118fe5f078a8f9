import { describe, expect, it } from 'vitest'

import part3Json from '../demos/part3-mesh.mesh.json'
import { DOCUMENT_VERSION, MAX_NODES, migrate, parseDocument, type MeshDocument } from './document'
import { copyDocument } from './document-copy'
import { lessonKey, MAX_LESSON_STEPS, MAX_LESSON_UPDATES, MAX_STEP_TEXT, runActionOf } from './lesson'

type Json = Record<string, unknown>
const mesh = (): Json => ({ ...(structuredClone(part3Json) as Json), version: 3 })
const withLesson = (lesson: unknown): Json => ({ ...mesh(), lesson })
const errorsOf = (input: unknown): string[] => {
  const parsed = parseDocument(input)
  return parsed.ok ? [] : parsed.errors
}
const load = (input: unknown): MeshDocument => {
  const parsed = parseDocument(input)
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'))
  return parsed.document
}

/** A lesson with one of every field. */
const FULL = {
  title: 'Round the circle',
  steps: [
    { title: 'Look', text: 'start holds *four* items: `a(0)(1)(2)(3)`.\n\n- one\n- two', watch: { queue: 'a' }, select: 'a', opens: 'queues', expect: 'four items' },
    {
      title: 'Go',
      text: 'Run it.',
      watch: { wire: 'a.target-b' },
      actions: [
        { type: 'send', node: 'a', values: [10, 'x', true, null] },
        { type: 'flush', node: 'a' },
        { type: 'set', scheduler: 'priority', mode: 'next', seed: 7 },
      ],
      run: { ticks: 3 },
      question: { kind: 'next-tasklet', prompt: 'Which runs next?' },
      hint: 'Look at the order.',
    },
    { title: 'Seek', text: '', watch: { output: 2 }, run: { seek: 2 }, challenge: { kind: 'drain', maxActivations: 50 } },
    { title: 'Edited', text: 'A tripler now.', actions: [{ type: 'update', document: { ...mesh(), title: 'edited' } }], run: 'to-end' },
  ],
}

describe('document version 3: the lesson', () => {
  it('reads every field of a lesson, and copies it so that nothing of the input is kept', () => {
    const input = withLesson(structuredClone(FULL))
    const doc = load(input)
    expect(doc.version).toBe(DOCUMENT_VERSION)
    expect(doc.lesson?.steps.map((s) => s.title)).toEqual(['Look', 'Go', 'Seek', 'Edited'])
    const update = doc.lesson!.steps[3]!.actions![0]!
    expect(update.type === 'update' && update.document.title).toBe('edited')
    expect(update.type === 'update' && update.document.lesson).toBeUndefined()
    // What the document holds is the copy: changing the input changes nothing.
    ;((input.lesson as Json).steps as Json[])[0]!.title = 'changed'
    expect(doc.lesson!.steps[0]!.title).toBe('Look')
    expect(copyDocument(doc)).toEqual(doc)
    expect(copyDocument(doc).lesson).not.toBe(doc.lesson)
  })

  it('survives JSON and back unchanged, field for field', () => {
    const doc = load(withLesson(FULL))
    expect(load(JSON.parse(JSON.stringify(doc)))).toEqual(doc)
  })

  it('migrates version 2 to 3 adding nothing, so version-1 and version-2 documents open as they did', () => {
    const v2 = { ...mesh(), version: 2 }
    expect(migrate(v2)).toEqual({ ...v2, version: 3 })
    const opened = load(v2)
    expect(opened.lesson).toBeUndefined()
    expect('lesson' in opened).toBe(false)
    expect(load(part3Json)).toEqual(opened)
  })

  it('names the field at fault in a broken lesson', () => {
    expect(errorsOf(withLesson({ steps: [] }))).toEqual(['lesson.steps: has no steps (a lesson has at least one)'])
    expect(errorsOf(withLesson({ steps: [{ text: 'no title' }] }))[0]).toMatch(/^lesson\.steps\[0\]\.title: /)
    expect(errorsOf(withLesson({ steps: [{ title: 't', watch: { nodes: 'a' } }] }))[0]).toMatch(/^lesson\.steps\[0\]\.watch: is not \{ "node": id \}/)
    expect(errorsOf(withLesson({ steps: [{ title: 't', actions: [{ type: 'explode', node: 'a' }] }] }))[0]).toMatch(/^lesson\.steps\[0\]\.actions\[0\]\.type: is not a lesson action/)
    expect(errorsOf(withLesson({ steps: [{ title: 't', run: 'forever' }] }))[0]).toMatch(/^lesson\.steps\[0\]\.run: is not "step", "to-end"/)
    expect(errorsOf(withLesson({ steps: [{ title: 't', opens: 'kitchen' }] }))[0]).toMatch(/^lesson\.steps\[0\]\.opens: is not a run panel/)
    expect(errorsOf(withLesson({ steps: [{ title: 't', question: { kind: 'choice', prompt: 'p', options: ['a', 'b'], answer: 5 } }] }))[0]).toMatch(/^lesson\.steps\[0\]\.question: /)
    expect(errorsOf(withLesson({ steps: [{ title: 't', challenge: { kind: 'drain', maxActivations: 0 } }] }))[0]).toMatch(/^lesson\.steps\[0\]\.challenge\.maxActivations: is below 1/)
    const nested = errorsOf(withLesson({ steps: [{ title: 't', actions: [{ type: 'update', document: { ...mesh(), nodes: [{ id: 'a', kind: 'nope' }] } }] }] }))
    expect(nested[0]).toMatch(/^lesson\.steps\[0\]\.actions\[0\]\.document\.nodes\[0\]\.kind: is not a node kind/)
  })

  it('refuses a lesson inside a lesson, and bounds the steps, the text and the meshes a lesson carries', () => {
    const inner = withLesson({ steps: [{ title: 'inner' }] })
    expect(errorsOf(withLesson({ steps: [{ title: 't', actions: [{ type: 'update', document: inner }] }] }))).toEqual([
      'lesson.steps[0].actions[0].document.lesson: the mesh an update action carries has no lesson of its own',
    ])
    const many = Array.from({ length: MAX_LESSON_STEPS + 1 }, (_, i) => ({ title: `s${i}` }))
    expect(errorsOf(withLesson({ steps: many }))).toEqual([`lesson.steps: has more than ${MAX_LESSON_STEPS} steps`])
    expect(errorsOf(withLesson({ steps: [{ title: 't', text: 'x'.repeat(MAX_STEP_TEXT + 1) }] }))).toEqual([`lesson.steps[0].text: is longer than ${MAX_STEP_TEXT} characters`])
    const wordy = Array.from({ length: 20 }, (_, i) => ({ title: `s${i}`, text: 'x'.repeat(MAX_STEP_TEXT) }))
    expect(errorsOf(withLesson({ steps: wordy }))[0]).toMatch(/^lesson: has more than 100,000 characters of text in all/)
    const updates = Array.from({ length: MAX_LESSON_UPDATES + 1 }, () => ({ type: 'update', document: mesh() }))
    expect(errorsOf(withLesson({ steps: [{ title: 't', actions: updates.slice(0, 100) }] }))[0]).toMatch(/^lesson: has more than 20 "update" actions/)
    const big = { ...mesh(), nodes: Array.from({ length: 1500 }, (_, i) => ({ id: `n${i}`, kind: 'sink' })), edges: [], inputs: [] }
    const heavy = errorsOf(
      withLesson({
        steps: [
          {
            title: 't',
            actions: [
              { type: 'update', document: big },
              { type: 'update', document: big },
            ],
          },
        ],
      }),
    )
    expect(heavy).toEqual([`lesson.steps[0].actions[1].document: the lesson's meshes have more than ${MAX_NODES} nodes in all, with the document's`])
  })

  it('keeps hostile text as text, refuses 30 MB strings with a message, and takes __proto__ and constructor as ids', () => {
    const html = '<img src=x onerror="alert(1)"><script>alert(2)</script>'
    const doc = load(
      withLesson({
        title: html,
        steps: [
          {
            title: html,
            text: html,
            expect: html,
            hint: html,
            watch: { node: '__proto__' },
            select: 'constructor',
            actions: [{ type: 'send', node: '__proto__', values: [html] }],
            question: { kind: 'choice', prompt: html, options: [html, '__proto__'], answer: 1, explain: html },
          },
        ],
      }),
    )
    const step = doc.lesson!.steps[0]!
    expect([doc.lesson!.title, step.title, step.text, step.expect, step.hint]).toEqual([html, html, html, html, html])
    expect(step.watch).toEqual({ node: '__proto__' })
    expect(Object.getPrototypeOf(step.watch)).toBe(Object.prototype)
    expect(step.select).toBe('constructor')
    const huge = 'x'.repeat(30 * 1024 * 1024)
    for (const field of ['title', 'text', 'expect', 'hint']) {
      const errors = errorsOf(withLesson({ steps: [{ title: 't', [field]: huge }] }))
      expect(errors.length, field).toBe(1)
      expect(errors[0]).toMatch(new RegExp(`^lesson\\.steps\\[0\\]\\.${field}: is longer than \\d+ characters$`))
    }
    expect(errorsOf(withLesson({ title: huge, steps: [{ title: 't' }] }))).toEqual(['lesson.title: is longer than 200 characters'])
    // A step that names no node the run has does nothing there.
    expect(runActionOf({ type: 'send', node: '__proto__', values: [1] }, load(mesh()))).toBeNull()
  })

  it("keys progress by the lesson's content", () => {
    const a = load(withLesson(FULL)).lesson!
    expect(lessonKey(a)).toBe(lessonKey(structuredClone(a)))
    expect(lessonKey(a)).toMatch(/^[0-9a-f]{16}$/)
    expect(lessonKey({ ...a, title: 'another' })).not.toBe(lessonKey(a))
  })

  it('turns a set of scheduler or mode into an update of the run, and refuses a written policy the document has not', () => {
    const run = load(mesh())
    expect(runActionOf({ type: 'set', mode: 'next' }, run)).toEqual({ type: 'update', document: { ...run, mode: 'next' } })
    expect(runActionOf({ type: 'set', scheduler: 'policy' }, run)).toBeNull()
  })
})
