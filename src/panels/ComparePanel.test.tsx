// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { ComparePanel } from './ComparePanel'
import { renderOverPart3 } from './render-testing'

beforeEach(() => {
  // jsdom lays nothing out and draws nothing: each chart's box is 800 × 130, and the canvas has no context.
  vi.spyOn(Element.prototype, 'clientWidth', 'get').mockReturnValue(800)
  vi.spyOn(Element.prototype, 'clientHeight', 'get').mockReturnValue(130)
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null)
  Element.prototype.scrollIntoView = vi.fn()
})

afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
})

const renderPanel = () => renderOverPart3(<ComparePanel />)

describe('ComparePanel', () => {
  it("opens on the mesh's scheduler and the other one, stepping both; a third lane makes it step all", () => {
    const { store } = renderPanel()
    expect(screen.getAllByRole('combobox').map((select) => (select as HTMLSelectElement).value)).toEqual(['taskmaster:flush', 'priority:flush'])
    fireEvent.click(screen.getByRole('button', { name: 'Step both' }))
    expect(within(screen.getByRole('region', { name: 'Lane 1: taskmaster, flush' })).getByText('Tick').nextSibling?.textContent).toBe('1')
    fireEvent.click(screen.getByRole('button', { name: 'Add a lane' }))
    expect(store.getState().comparison!.specs).toEqual([
      { scheduler: 'taskmaster', mode: 'flush' },
      { scheduler: 'priority', mode: 'flush' },
      { scheduler: 'taskmaster', mode: 'next' },
    ])
    expect(screen.getByRole('button', { name: 'Step all' })).toBeTruthy()
    expect(screen.getAllByRole('button', { name: /^Remove lane/ })).toHaveLength(3)
  })

  it("marks the best of each figure in words, names the first divergence with each lane's tick, and jumps to it", () => {
    const { store, runAll } = renderPanel()
    fireEvent.change(screen.getByRole('combobox', { name: 'Lane 2' }), { target: { value: 'taskmaster:next' } })
    fireEvent.click(screen.getByRole('button', { name: 'Run both to end' }))
    runAll()
    expect(store.getState().comparison!.done).toBe(true)
    const table = screen.getByRole('table')
    const meanWait = within(table).getByRole('row', { name: /^Mean wait/ })
    expect(
      within(meanWait)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual(['3.63', '3.00 ★best'])
    expect(screen.getByRole('status').textContent).toBe('Same outputs, in another order from #1.')
    expect(screen.getByText(/^First divergence, output #1:/).textContent).toBe('First divergence, output #1: Lane 1 printed 2x2 at tick 13; lane 2 printed 3x1 at tick 7.')
    const stack = screen.getByRole('region', { name: 'The lanes, one above the other' })
    expect(within(stack).getAllByRole('application')).toHaveLength(2)
    fireEvent.click(screen.getByRole('button', { name: 'Jump to the divergence' }))
    expect(document.activeElement).toBe(stack)
    expect(stack.scrollIntoView).toHaveBeenCalled()
    for (const [lane, value] of [
      ['Lane 1: taskmaster, flush', '2x2'],
      ['Lane 2: taskmaster, next', '3x1'],
    ]) {
      expect(screen.getByRole('region', { name: lane }).querySelector('li[data-divergence]')?.textContent).toBe(value)
    }
  })
})
