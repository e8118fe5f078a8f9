// @vitest-environment jsdom
import { cleanup, render } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'

import { LessonText } from './LessonText'
import { parseMarkup, spansOf } from './markup'

afterEach(cleanup)

describe('the lesson markup', () => {
  it('reads paragraphs, line breaks, lists, emphasis and code', () => {
    expect(parseMarkup('One *two* `three`\nfour\n\n- a\n- `b`\nafter')).toEqual([
      {
        kind: 'paragraph',
        lines: [
          [
            { kind: 'text', text: 'One ' },
            { kind: 'em', text: 'two' },
            { kind: 'text', text: ' ' },
            { kind: 'code', text: 'three' },
          ],
          [{ kind: 'text', text: 'four' }],
        ],
      },
      { kind: 'list', items: [[{ kind: 'text', text: 'a' }], [{ kind: 'code', text: 'b' }]] },
      { kind: 'paragraph', lines: [[{ kind: 'text', text: 'after' }]] },
    ])
  })

  it('keeps marks without their other half, arithmetic and marks inside code as text', () => {
    expect(spansOf('2 * 3 * 4')).toEqual([{ kind: 'text', text: '2 * 3 * 4' }])
    expect(spansOf('a *b')).toEqual([{ kind: 'text', text: 'a *b' }])
    expect(spansOf('`*x*`')).toEqual([{ kind: 'code', text: '*x*' }])
    expect(spansOf('``')).toEqual([{ kind: 'text', text: '``' }])
  })

  it('renders HTML-like and markup-like input as text, never as elements', () => {
    const hostile = '<img src=x onerror="alert(1)"> *<b>bold</b>* `<script>alert(2)</script>`\n\n- <a href="javascript:alert(3)">x</a>'
    const { container } = render(<LessonText text={hostile} />)
    expect(container.querySelector('img, script, b, a')).toBeNull()
    expect(container.querySelector('p')!.textContent).toBe('<img src=x onerror="alert(1)"> <b>bold</b> <script>alert(2)</script>')
    expect(container.querySelector('em')!.textContent).toBe('<b>bold</b>')
    expect(container.querySelector('code')!.textContent).toBe('<script>alert(2)</script>')
    expect(container.querySelector('li')!.textContent).toBe('<a href="javascript:alert(3)">x</a>')
  })

  it('renders every line of a long text, breaks and marks included', () => {
    const text = Array.from({ length: 400 }, (_, i) => `line ${i} with *em* and \`code\``).join('\n')
    const { container } = render(<LessonText text={text} />)
    expect(container.querySelectorAll('em')).toHaveLength(400)
    expect(container.querySelectorAll('br')).toHaveLength(399)
  })
})
