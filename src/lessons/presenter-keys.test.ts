// @vitest-environment jsdom
import { describe, expect, it } from 'vitest'

import { moreBelow, pageThrough, presenterMove, presenterPick, type PresenterKey } from './presenter-keys'

const press = (key: string, more: Partial<PresenterKey> = {}): PresenterKey => ({
  key,
  code: '',
  shiftKey: false,
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  target: document.body,
  ...more,
})

function element(html: string, selector: string): Element {
  const box = document.createElement('div')
  box.innerHTML = html
  document.body.append(box)
  return box.querySelector(selector)!
}

describe('the keys of presenter mode', () => {
  it('goes on with what a clicker sends for next, and Space', () => {
    for (const key of ['PageDown', 'ArrowRight', 'ArrowDown', ' ']) expect(presenterMove(press(key))).toBe('next')
  })

  it('goes back with what a clicker sends for previous, and Shift+Space', () => {
    for (const key of ['PageUp', 'ArrowLeft', 'ArrowUp']) expect(presenterMove(press(key))).toBe('previous')
    expect(presenterMove(press(' ', { shiftKey: true }))).toBe('previous')
  })

  it('goes to the first and last steps with Home and End, and leaves with Escape', () => {
    expect(presenterMove(press('Home'))).toBe('first')
    expect(presenterMove(press('End'))).toBe('last')
    expect(presenterMove(press('Escape'))).toBe('exit')
    expect(presenterMove(press('Escape', { shiftKey: true }))).toBe('exit')
  })

  it("leaves the browser's own shortcuts alone", () => {
    expect(presenterMove(press('ArrowLeft', { altKey: true }))).toBeNull()
    expect(presenterMove(press('PageDown', { ctrlKey: true }))).toBeNull()
    expect(presenterMove(press('ArrowRight', { metaKey: true }))).toBeNull()
    expect(presenterMove(press('ArrowDown', { shiftKey: true }))).toBeNull()
  })

  it('takes no other key, nor keys named like what an object inherits', () => {
    for (const key of ['a', 'Enter', 'Tab', 'constructor', '__proto__', 'toString']) expect(presenterMove(press(key))).toBeNull()
  })

  it('lets a pressed button take Space, so one press is one step', () => {
    const button = element('<button type="button">Next</button>', 'button')
    expect(presenterMove(press(' ', { target: button }))).toBeNull()
    expect(presenterMove(press('PageDown', { target: button }))).toBe('next')
  })

  it('leaves every key to a field being typed in and to an open dialog', () => {
    const field = element('<input aria-label="x">', 'input')
    for (const key of ['ArrowLeft', ' ', 'Escape', 'Home']) expect(presenterMove(press(key, { target: field }))).toBeNull()
    const inDialog = element('<div role="dialog"><button>Run</button></div>', 'button')
    expect(presenterMove(press('Escape', { target: inDialog }))).toBeNull()
  })
})

describe('a long step, paged through before the next', () => {
  const text = (scrollTop: number) => ({ scrollTop, clientHeight: 400, scrollHeight: 1000 })

  it('pages down through the text, keeping a little of the last page in view, and stops at its end', () => {
    expect(pageThrough('next', text(0))).toBe(340)
    expect(pageThrough('next', text(340))).toBe(600)
    expect(pageThrough('next', text(600))).toBeNull()
    expect(moreBelow(text(340))).toBe(true)
    expect(moreBelow(text(600))).toBe(false)
  })

  it('pages back up to the top before the step before', () => {
    expect(pageThrough('previous', text(600))).toBe(260)
    expect(pageThrough('previous', text(260))).toBe(0)
    expect(pageThrough('previous', text(0))).toBeNull()
  })

  it('leaves a text that fits, and the other moves, to the steps', () => {
    const fits = { scrollTop: 0, clientHeight: 400, scrollHeight: 401 }
    expect(pageThrough('next', fits)).toBeNull()
    expect(moreBelow(fits)).toBe(false)
    for (const move of ['first', 'last', 'exit'] as const) expect(pageThrough(move, text(300))).toBeNull()
  })
})

describe('picks by the numbers on the cards', () => {
  it('reads 1 to 9 by their place, so Shift+5 is 5 taken the other way', () => {
    expect(presenterPick(press('5', { code: 'Digit5' }))).toEqual({ number: 5, other: false })
    expect(presenterPick(press('%', { code: 'Digit5', shiftKey: true }))).toEqual({ number: 5, other: true })
    expect(presenterPick(press('9', { code: 'Numpad9' }))).toEqual({ number: 9, other: false })
  })

  it('takes no other key, and none typed into a field or with Ctrl', () => {
    expect(presenterPick(press('0', { code: 'Digit0' }))).toBeNull()
    expect(presenterPick(press('PageDown', { code: 'PageDown' }))).toBeNull()
    expect(presenterPick(press('1', { code: 'Digit1', ctrlKey: true }))).toBeNull()
    expect(presenterPick(press('1', { code: 'Digit1', target: element('<textarea></textarea>', 'textarea') }))).toBeNull()
  })
})
