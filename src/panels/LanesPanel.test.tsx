// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import type { RunLanes } from '../engine/run-record'
import { pingPongDocument } from '../engine/testing'
import { MeshStoreProvider } from '../store/context'
import { createMeshStore } from '../store/mesh-store'
import { LanesChart } from './LanesPanel'
import { lanesLayout } from './lanes/lanes-view'

/** ping and pong taking turns for `ticks` ticks, each queue holding the one item in turn. */
function pingPongLanes(ticks: number): RunLanes {
  return {
    nodes: ['p', 'q'],
    ticks,
    ran: Int32Array.from({ length: ticks }, (_, t) => t % 2),
    queueStride: 1,
    queued: Uint32Array.from({ length: 2 * ticks }, (_, k) => (k % 2 === 1 - (Math.floor(k / 2) % 2) ? 1 : 0)),
  }
}

beforeEach(() => {
  // jsdom lays nothing out and draws nothing: the chart's box is 800 × 200, and the canvas has no context (the renderer then draws nothing).
  vi.spyOn(Element.prototype, 'clientWidth', 'get').mockReturnValue(800)
  vi.spyOn(Element.prototype, 'clientHeight', 'get').mockReturnValue(200)
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null)
})

afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
  vi.useRealTimers()
})

function renderChart(lanes: RunLanes) {
  const store = createMeshStore({ document: pingPongDocument(1_000) })
  for (let i = 0; i < lanes.ticks; i++) store.getState().step()
  const view = render(
    <MeshStoreProvider store={store}>
      <LanesChart lanes={lanes} />
    </MeshStoreProvider>,
  )
  return { store, view }
}

describe('LanesChart', () => {
  it('describes the ticks in view in words, with the lanes named as their cards are', async () => {
    vi.useFakeTimers()
    renderChart(pingPongLanes(100))
    const chart = screen.getByRole('application', { name: 'Lanes: who ran at each tick' })
    await act(() => vi.advanceTimersByTimeAsync(500))
    const [summary, keys] = (chart.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent)
    expect(summary).toBe("The whole run, 100 ticks: ping ran 50 times, pong ran 50 times; the longest queue: ping's, 1 item.")
    expect(keys).toMatch(/arrows move along the ticks/)
    expect(screen.getByRole('status').textContent).toContain('Ticks 1–100 of 100.')
  })

  it('has zoom buttons with names, and Whole run pressed until the person zooms', () => {
    renderChart(pingPongLanes(2_000))
    const whole = screen.getByRole('button', { name: 'Whole run' })
    expect(whole.getAttribute('aria-pressed')).toBe('true')
    expect((screen.getByRole('button', { name: 'Zoom the lanes out' }) as HTMLButtonElement).disabled).toBe(true)
    fireEvent.click(screen.getByRole('button', { name: 'Zoom the lanes in' }))
    expect(whole.getAttribute('aria-pressed')).toBe('false')
    expect((screen.getByRole('button', { name: 'Zoom the lanes out' }) as HTMLButtonElement).disabled).toBe(false)
  })

  it('seeks the run to the tick of the cell clicked, and tells of the cell under the pointer', () => {
    const { store } = renderChart(pingPongLanes(100))
    expect(store.getState().run.tick).toBe(100)
    const chart = screen.getByRole('application')
    const layout = lanesLayout(800, 200, 2, 4)
    // The whole run of 100 ticks in the plot: tick 30's cell.
    const x = layout.gutter + ((30 - 0.5) * (800 - layout.gutter)) / 100
    const y = layout.axis + layout.laneHeight * 1.5
    fireEvent.pointerMove(chart, { clientX: x, clientY: y })
    expect(screen.getByRole('status').textContent).toBe('Tick 30: pong took an item. Queues after it: ping 1; one empty.')
    fireEvent.pointerDown(chart, { clientX: x, clientY: y, button: 0, pointerId: 1 })
    fireEvent.pointerUp(chart, { clientX: x, clientY: y, button: 0, pointerId: 1 })
    expect(store.getState().run.tick).toBe(30)
  })
})
