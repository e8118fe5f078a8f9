// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'

import { findDemo } from '../demos'
import { renderOverPart3 } from '../panels/render-testing'
import { LessonEditor } from './LessonEditor'

afterEach(cleanup)

function setup() {
  const rendered = renderOverPart3(<LessonEditor />)
  act(() => rendered.store.getState().openDemo(findDemo('part3-mesh')!))
  const steps = () => within(screen.getByRole('list', { name: 'Steps' })).getAllByRole('listitem')
  const titles = () => rendered.store.getState().document.lesson!.steps.map((s) => s.title)
  return { ...rendered, steps, titles }
}

describe('the lesson editor', () => {
  it('adds a step after the one shown and goes to it, undoably', () => {
    const { store, steps, titles } = setup()
    expect(steps()).toHaveLength(5)
    fireEvent.click(screen.getByRole('button', { name: 'Add a step after this one' }))
    expect(titles()).toEqual(['Six tasklets and a circle', 'New step', 'One activation', 'Run until no work is left', 'Queue up some more', 'Round the circle'])
    expect(store.getState().lesson?.step).toBe(1)
    // One undo takes the new step back.
    act(() => store.temporal.getState().undo())
    expect(titles()).toHaveLength(5)
  })

  it('moves a step with its buttons and with Alt+arrows, and deletes one', () => {
    const { store, steps, titles } = setup()
    fireEvent.click(screen.getByRole('button', { name: 'Move step 1 down' }))
    expect(titles().slice(0, 2)).toEqual(['One activation', 'Six tasklets and a circle'])
    expect(store.getState().lesson?.step).toBe(1)
    fireEvent.keyDown(steps()[1]!, { key: 'ArrowUp', altKey: true })
    expect(titles().slice(0, 2)).toEqual(['Six tasklets and a circle', 'One activation'])
    fireEvent.click(screen.getByRole('button', { name: 'Delete step 5' }))
    expect(titles()).toEqual(['Six tasklets and a circle', 'One activation', 'Run until no work is left', 'Queue up some more'])
  })

  it('edits the title, text, watch, run and panel of the step shown, hostile text as text', () => {
    const { store } = setup()
    const title = screen.getByRole('textbox', { name: 'Step title' })
    fireEvent.change(title, { target: { value: '<img src=x onerror=alert(1)> __proto__' } })
    fireEvent.blur(title)
    const text = screen.getByRole('textbox', { name: /^Step text/ })
    fireEvent.change(text, { target: { value: 'Look at *start*.' } })
    fireEvent.blur(text)
    fireEvent.change(screen.getByRole('combobox', { name: 'Watch' }), { target: { value: 'node:s' } })
    fireEvent.change(screen.getByRole('combobox', { name: 'Then the run goes' }), { target: { value: 'to-end' } })
    fireEvent.change(screen.getByRole('combobox', { name: 'Opens the panel' }), { target: { value: 'trace' } })
    const step = store.getState().document.lesson!.steps[0]!
    expect(step).toMatchObject({ title: '<img src=x onerror=alert(1)> __proto__', text: 'Look at *start*.', watch: { node: 's' }, run: 'to-end', opens: 'trace' })
    expect(screen.getByRole('button', { name: /^1\. / }).textContent).toBe('1. <img src=x onerror=alert(1)> __proto__')
    expect(document.querySelector('img')).toBeNull()
    // A queue, a wire, a printout line.
    fireEvent.change(screen.getByRole('combobox', { name: 'Watch' }), { target: { value: 'queue:b' } })
    expect(store.getState().document.lesson!.steps[0]!.watch).toEqual({ queue: 'b' })
    fireEvent.change(screen.getByRole('combobox', { name: 'Watch' }), { target: { value: 'wire:a.target-b' } })
    expect(store.getState().document.lesson!.steps[0]!.watch).toEqual({ wire: 'a.target-b' })
    fireEvent.change(screen.getByRole('combobox', { name: 'Watch' }), { target: { value: 'output' } })
    const line = screen.getByRole('spinbutton', { name: 'Printout line' })
    fireEvent.change(line, { target: { value: '3' } })
    fireEvent.blur(line)
    expect(store.getState().document.lesson!.steps[0]!.watch).toEqual({ output: 3 })
    fireEvent.change(screen.getByRole('combobox', { name: 'Watch' }), { target: { value: '' } })
    expect(store.getState().document.lesson!.steps[0]!.watch).toBeUndefined()
    // Nine edits, nine undo steps (and the demo's opening before them).
    for (let i = 0; i < 10; i++) act(() => store.temporal.getState().undo())
    expect(store.getState().document.lesson!.steps[0]!.title).toBe('Six tasklets and a circle')
  })

  it('sets a question and a challenge on the step, keeps nothing that would not read back, and says why', () => {
    const { store } = setup()
    // Part 3's first step asks a question of its own: another kind replaces it.
    fireEvent.change(screen.getByRole('combobox', { name: 'Asks' }), { target: { value: 'queue-length' } })
    expect(store.getState().document.lesson!.steps[0]!.question).toMatchObject({ kind: 'queue-length', node: 's', after: 'step' })
    fireEvent.change(screen.getByRole('combobox', { name: 'The queue of' }), { target: { value: 'b' } })
    fireEvent.change(screen.getByRole('combobox', { name: 'After' }), { target: { value: 'round' } })
    expect(store.getState().document.lesson!.steps[0]!.question).toMatchObject({ kind: 'queue-length', node: 'b', after: 'round' })
    // Multiple choice: the author's options, hostile text as text; a prompt past the limit is not kept.
    fireEvent.change(screen.getByRole('combobox', { name: 'Asks' }), { target: { value: 'choice' } })
    const options = screen.getByRole('textbox', { name: 'Options, one a line' })
    fireEvent.change(options, { target: { value: '<img src=x onerror=alert(1)>\nconstructor\n__proto__' } })
    fireEvent.blur(options)
    fireEvent.change(screen.getByRole('combobox', { name: 'The right option' }), { target: { value: '2' } })
    expect(store.getState().document.lesson!.steps[0]!.question).toEqual({
      kind: 'choice',
      prompt: 'Which is right?',
      options: ['<img src=x onerror=alert(1)>', 'constructor', '__proto__'],
      answer: 2,
    })
    expect(document.querySelector('img')).toBeNull()
    const prompt = screen.getByRole('textbox', { name: 'Question text' })
    fireEvent.change(prompt, { target: { value: 'x'.repeat(600) } })
    fireEvent.blur(prompt)
    expect(
      screen
        .getAllByRole('alert')
        .map((a) => a.textContent)
        .join(' '),
    ).toMatch(/^Not kept: question\.prompt: is longer than 500 characters/)
    expect(store.getState().document.lesson!.steps[0]!.question).toMatchObject({ prompt: 'Which is right?' })
    fireEvent.change(screen.getByRole('combobox', { name: 'Asks' }), { target: { value: '' } })
    expect(store.getState().document.lesson!.steps[0]!.question).toBeUndefined()

    fireEvent.change(screen.getByRole('combobox', { name: 'Goal' }), { target: { value: 'drain' } })
    expect(store.getState().document.lesson!.steps[0]!.challenge).toEqual({ kind: 'drain', maxActivations: 100 })
    const most = screen.getByRole('spinbutton', { name: 'At most this many activations' })
    fireEvent.change(most, { target: { value: '12' } })
    fireEvent.blur(most)
    expect(store.getState().document.lesson!.steps[0]!.challenge).toEqual({ kind: 'drain', maxActivations: 12 })
    const hint = screen.getByRole('textbox', { name: 'Hint, shown when asked for' })
    fireEvent.change(hint, { target: { value: 'Fewer items.' } })
    fireEvent.blur(hint)
    expect(store.getState().document.lesson!.steps[0]!.hint).toBe('Fewer items.')
    expect(store.getState().challenge).toMatchObject({ won: false })
    fireEvent.change(screen.getByRole('combobox', { name: 'Goal' }), { target: { value: '' } })
    expect(store.getState().document.lesson!.steps[0]).not.toHaveProperty('challenge')
    expect(store.getState().document.lesson!.steps[0]).not.toHaveProperty('hint')
  })

  it('sets what the step does when reached: sends, a Tasklet call, a scheduler, a run of some ticks, the node it selects', () => {
    const { store } = setup()
    const step = () => store.getState().document.lesson!.steps[0]!
    fireEvent.change(screen.getByRole('combobox', { name: 'Tasklet' }), { target: { value: 'a' } })
    fireEvent.change(screen.getByRole('textbox', { name: 'Values, comma-separated' }), { target: { value: '4, five, <b>x</b>' } })
    fireEvent.click(screen.getByRole('button', { name: 'Add to the step' }))
    fireEvent.change(screen.getByRole('combobox', { name: 'Add' }), { target: { value: 'next' } })
    fireEvent.change(screen.getByRole('combobox', { name: 'Tasklet' }), { target: { value: 'b' } })
    fireEvent.click(screen.getByRole('button', { name: 'Add to the step' }))
    fireEvent.change(screen.getByRole('combobox', { name: 'Add' }), { target: { value: 'scheduler' } })
    fireEvent.change(screen.getByRole('combobox', { name: 'Scheduler' }), { target: { value: 'priority' } })
    fireEvent.change(screen.getByRole('combobox', { name: 'Mode' }), { target: { value: 'next' } })
    fireEvent.click(screen.getByRole('button', { name: 'Add to the step' }))
    expect(step().actions).toEqual([
      { type: 'send', node: 'a', values: [4, 'five', '<b>x</b>'] },
      { type: 'next', node: 'b' },
      { type: 'set', scheduler: 'priority', mode: 'next' },
    ])
    expect(
      within(screen.getByRole('list', { name: 'What the step does' }))
        .getAllByRole('listitem')
        .map((li) => li.firstChild!.textContent),
    ).toEqual(['start(4)("five")("<b>x</b>")', 'branch.next()', 'switch to the priority scheduler, mode next'])
    fireEvent.click(screen.getByRole('button', { name: 'Take out branch.next()' }))
    expect(step().actions).toHaveLength(2)
    // An empty send says what is missing and adds nothing.
    fireEvent.change(screen.getByRole('combobox', { name: 'Add' }), { target: { value: 'send' } })
    fireEvent.click(screen.getByRole('button', { name: 'Add to the step' }))
    expect(screen.getByRole('alert').textContent).toBe('Write the values to send, separated by commas.')
    expect(step().actions).toHaveLength(2)

    fireEvent.change(screen.getByRole('combobox', { name: 'Then the run goes' }), { target: { value: 'ticks' } })
    expect(step().run).toEqual({ ticks: 1 })
    const ticks = screen.getByRole('spinbutton', { name: 'Ticks' })
    fireEvent.change(ticks, { target: { value: '3' } })
    fireEvent.blur(ticks)
    expect(step().run).toEqual({ ticks: 3 })
    fireEvent.change(screen.getByRole('combobox', { name: 'Selects the node' }), { target: { value: 'r' } })
    expect(step().select).toBe('r')
    // Gone to again, the step plays as written: the scheduler switched, and 3 ticks run.
    fireEvent.click(screen.getByRole('button', { name: /^1\. / }))
    expect(store.getState().run.tick).toBe(3)
    expect(store.getState().document.scheduler).toBe('priority')
  })
})
