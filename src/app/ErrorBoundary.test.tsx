// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'

import { STORAGE_KEY } from '../store/autosave'
import { ErrorBoundary } from './ErrorBoundary'

afterEach(cleanup)

function Broken(): never {
  throw new Error('the canvas fell over')
}

describe('ErrorBoundary', () => {
  it('shows what went wrong and a way out instead of a blank page', () => {
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {})
    render(
      <ErrorBoundary>
        <Broken />
      </ErrorBoundary>,
    )
    quiet.mockRestore()
    expect(screen.getByRole('alert')).toBeTruthy()
    expect(screen.getByRole('heading', { name: 'Mesh Playground hit a problem' })).toBeTruthy()
    expect(screen.getByText('the canvas fell over')).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Reload' })).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Start over with the example mesh' })).toBeTruthy()
  })

  it('shows its children when nothing goes wrong', () => {
    render(
      <ErrorBoundary>
        <p>all well</p>
      </ErrorBoundary>,
    )
    expect(screen.getByText('all well')).toBeTruthy()
  })

  it("starting over keeps the saved mesh aside, and a second crash keeps the first one's copy", () => {
    vi.useFakeTimers()
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {})
    localStorage.clear()
    for (const mesh of ['my first mesh', 'my second mesh']) {
      localStorage.setItem(STORAGE_KEY, mesh)
      render(
        <ErrorBoundary>
          <Broken />
        </ErrorBoundary>,
      )
      fireEvent.click(screen.getByRole('button', { name: 'Start over with the example mesh' }))
      cleanup()
    }
    quiet.mockRestore()
    vi.useRealTimers()
    expect(localStorage.getItem(STORAGE_KEY)).toBeNull()
    expect([localStorage.getItem(`${STORAGE_KEY}:crashed`), localStorage.getItem(`${STORAGE_KEY}:crashed:2`)]).toEqual(['my first mesh', 'my second mesh'])
  })
})
