// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'

import { renderOverPart3 } from './render-testing'
import { TransportControls } from './TransportControls'

afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
})

const renderControls = () => renderOverPart3(<TransportControls />)

describe('TransportControls', () => {
  // A slow request to the sandbox (a fresh worker starting, say) used to disable the buttons: a click that
  // landed as they went grey was lost, and the person's Run to end did nothing.
  it('takes Reset, Step back, Step, Step round and Run to end while a request to the sandbox is out, and queues them behind it', () => {
    const { store, runAll } = renderControls()
    act(() => store.getState().step())
    act(() => store.setState({ runBusy: true }))
    // Step back goes one before the tick the replies still out leave the run at (see run-sandbox.test.ts), so it need not wait either.
    for (const name of ['Reset', 'Step back', 'Step', 'Step round', 'Run to end']) expect(screen.getByRole('button', { name }).hasAttribute('disabled')).toBe(false)
    expect(screen.getByRole('group', { name: 'Step and play' }).getAttribute('aria-busy')).toBe('true')
    fireEvent.click(screen.getByRole('button', { name: 'Run to end' }))
    runAll()
    expect(store.getState().run.status).toBe('idle')
    expect(store.getState().run.tick).toBeGreaterThan(1)
  })
})
