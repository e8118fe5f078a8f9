// @vitest-environment jsdom
import { act, cleanup, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'

import type { WatchResult } from '../engine'
import { renderOverPart3 } from './render-testing'
import { WatchPanel } from './WatchPanel'

describe('the Watch panel', () => {
  afterEach(cleanup)

  it('says how to add a watch while there is none', () => {
    renderOverPart3(<WatchPanel />)
    expect(screen.getByText(/No watches yet\. Select a wire on the canvas/)).toBeTruthy()
  })

  it('shows a wire watch with its count, its sparkline and a row per value; a row seeks the run there', () => {
    const { store, runAll } = renderOverPart3(<WatchPanel />)
    act(() => store.getState().runToEnd())
    runAll()
    act(() => store.getState().addWatch({ kind: 'wire', from: 'd', port: 'target', to: 's' }))
    runAll()
    const card = screen.getByRole('region', { name: 'Watch: doubler.target → sink' })
    expect(within(card).getByRole('status').textContent).toBe('2 values over ticks 9–10')
    expect(within(card).getByRole('img').getAttribute('aria-label')).toBe('doubler.target → sink: values per tick over ticks 0–16, most 1 at ticks 9–9; the run is at tick 16')
    const rows = within(card).getAllByRole('listitem')
    expect(rows.map((r) => r.textContent)).toEqual(['92x2', '102x4'])
    act(() => within(rows[0]!).getByRole('button').click())
    expect(store.getState().run.tick).toBe(9)
  })

  it('renders only the rows in view of a watch with more than 100,000 values, and says how many more passed', () => {
    const { store } = renderOverPart3(<WatchPanel />)
    const count = 100_000
    const result: WatchResult = {
      target: { kind: 'wire', from: 'a', port: 'target', to: 'b' },
      tick: count,
      end: count,
      done: true,
      ticks: Array.from({ length: count }, (_, i) => i + 1),
      values: Array.from({ length: count }, (_, i) => i),
      kinds: new Array(count).fill('passed'),
      arrived: count + 5_000,
      taken: 0,
      more: 5_000,
      first: 1,
      last: count + 5_000,
      counts: { width: 128, counts: new Array(Math.ceil((count + 5_000) / 128)).fill(128) },
    }
    act(() => store.setState({ watches: [{ id: 'watch-x', target: result.target, result, state: 'done', why: null }] }))
    const card = screen.getByRole('region', { name: 'Watch: start.target → branch' })
    expect(within(card).getByRole('status').textContent).toBe('105,000 values over ticks 1–105,000 (the first 100,000 listed; 5,000 more passed)')
    expect(within(card).queryAllByRole('listitem').length).toBeLessThan(100)
  })

  it('says a deleted wire is gone and keeps what it carried', () => {
    const { store, runAll } = renderOverPart3(<WatchPanel />)
    act(() => store.getState().runToEnd())
    runAll()
    act(() => store.getState().addWatch({ kind: 'wire', from: 'd', port: 'target', to: 's' }))
    runAll()
    const edge = store.getState().document.edges.find((e) => e.source === 'd')!
    act(() => store.getState().removeEdges([edge.id]))
    runAll()
    const card = screen.getByRole('region', { name: 'Watch: doubler.target → sink' })
    expect(card.textContent).toContain('This wire is no longer in the mesh: what it carried in the run is kept.')
    expect(within(card).getAllByRole('listitem')).toHaveLength(2)
  })
})
