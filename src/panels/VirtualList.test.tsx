// @vitest-environment jsdom
import { render } from '@testing-library/react'
import { describe, expect, it } from 'vitest'

import { VirtualList } from './VirtualList'

describe('VirtualList', () => {
  it('renders only the rows in view of a 100,000-line list, and the space of them all', () => {
    const view = render(<VirtualList label="Trace" count={100_000} rowHeight={20} row={(i) => `line ${i}`} />)
    const rows = view.getAllByRole('listitem')
    expect(rows.length).toBeLessThan(50)
    expect(rows[0]!.getAttribute('aria-setsize')).toBe('100000')
    expect((view.container.querySelector('.virtual-space') as HTMLElement).style.height).toBe('2000000px')
  })
})
