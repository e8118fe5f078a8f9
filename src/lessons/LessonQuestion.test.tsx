// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'

import type { Question } from '../engine'
import { renderOverPart3 } from '../panels/render-testing'
import { LessonQuestion } from './LessonQuestion'

afterEach(cleanup)

const ask = (question: Question, onward?: () => void) => renderOverPart3(<LessonQuestion question={question} onward={onward} />)
const status = () => screen.getByRole('status').textContent

describe('LessonQuestion', () => {
  describe('which tasklet runs next', () => {
    const question: Question = { kind: 'next-tasklet', prompt: 'Which tasklet runs first?', explain: 'Only start has items.' }

    it("takes a card from the list: wrong, then right after trying again, with the engine's answer and why", () => {
      const onward = vi.fn()
      const { store } = ask(question, onward)
      expect(screen.getByRole('list', { name: 'Which tasklet runs first?' })).toBeTruthy()
      fireEvent.click(screen.getByRole('button', { name: 'branch' }))
      expect(status()).toBe(
        "Not quite. The engine's answer: start.start ran next: the taskmaster gives each tasklet its turn in node order, and start was the next one with work (it had 4 items). Only start has items.",
      )
      expect(store.getState().run.tick).toBe(0)
      fireEvent.click(screen.getByRole('button', { name: 'Try again' }))
      fireEvent.click(screen.getByRole('button', { name: 'start' }))
      expect(status()).toMatch(/^Right! The engine's answer: start\.start ran next/)
      expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull()
      fireEvent.click(screen.getByRole('button', { name: 'Play on' }))
      expect(onward).toHaveBeenCalledOnce()
    })

    it('takes a card clicked on the canvas while predicting', () => {
      const { store } = ask(question)
      const predict = screen.getByRole('button', { name: 'Click the card you predict' })
      fireEvent.click(predict)
      expect(store.getState().predicting).toBe(true)
      expect(predict.getAttribute('aria-pressed')).toBe('true')
      fireEvent.keyDown(window, { key: 'Escape' })
      expect(store.getState().predicting).toBe(false)
      fireEvent.click(screen.getByRole('button', { name: 'Click the card you predict' }))
      expect(store.getState().predicting).toBe(true)
      // The canvas hands a click on a card to the store while predicting (Canvas.tsx).
      act(() => store.getState().predictCard('a'))
      expect(store.getState().predicting).toBe(false)
      expect(status()).toMatch(/^Right! /)
    })
  })

  it('takes the next printed line typed, with or without "Sink got:", or "nothing more"', () => {
    ask({ kind: 'next-output', prompt: 'What does the sink print first?' })
    const box = screen.getByRole('textbox', { name: 'The next line printed' })
    fireEvent.change(box, { target: { value: 'Sink got: 3x1' } })
    fireEvent.click(screen.getByRole('button', { name: 'Answer' }))
    expect(status()).toBe("Not quite. The engine's answer: Sink got: 2x2.sink printed 2x2 next, at tick 13 (13 ticks on).")
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }))
    fireEvent.change(screen.getByRole('textbox', { name: 'The next line printed' }), { target: { value: '2x2' } })
    fireEvent.click(screen.getByRole('button', { name: 'Answer' }))
    expect(status()).toMatch(/^Right! /)
  })

  it('takes a number of items for a queue after the round', () => {
    ask({ kind: 'queue-length', prompt: 'How many items will branch hold after this round?', node: 'b', after: 'round' })
    const answer = screen.getByRole('button', { name: 'Answer' }) as HTMLButtonElement
    fireEvent.change(screen.getByRole('spinbutton', { name: 'Items in the queue' }), { target: { value: '-1' } })
    expect(answer.disabled).toBe(true)
    fireEvent.change(screen.getByRole('spinbutton', { name: 'Items in the queue' }), { target: { value: '4' } })
    fireEvent.click(answer)
    expect(status()).toBe("Right! The engine's answer: 4 items.branch holds 4 items after the round (4 activations): it had 0, took 0 and was sent 4.")
  })

  it("offers the node's wires, and the one its random draw chose is right", () => {
    ask({ kind: 'wire', prompt: 'Which wire does branch send its next item along?', node: 'b' })
    const wires = screen.getAllByRole('button').map((b) => b.textContent)
    expect(wires).toEqual(['left → doubler', 'right → tripler', 'rand → recycler', 'None: it sends nothing along a wire'])
    fireEvent.click(screen.getByRole('button', { name: 'right → tripler' }))
    expect(status()).toMatch(/^Right! The engine's answer: the wire branch → tripler \(port right\)\..*its random draw randint\(1, 2\) = 2 decided it\.$/)
  })

  it('shows hostile text in a prompt and options as text', () => {
    const evil = '<img src=x onerror="alert(1)">'
    ask({ kind: 'choice', prompt: evil, options: [`<b>${evil}</b>`, 'javascript:alert(1)'], answer: 1, explain: '<script>alert(2)</script>' })
    expect(screen.getByText(evil).tagName).toBe('P')
    expect(document.body.querySelector('img, b, script')).toBeNull()
    const group = screen.getByRole('radiogroup', { name: evil })
    expect(group.textContent).toContain(`<b>${evil}</b>`)
    fireEvent.click(screen.getByRole('radio', { name: `<b>${evil}</b>` }))
    fireEvent.click(screen.getByRole('button', { name: 'Answer' }))
    expect(status()).toBe('Not quite. The answer: javascript:alert(1).<script>alert(2)</script>')
    expect(document.body.querySelector('img, b, script, a')).toBeNull()
  })
})
