/**
 * The lesson markup: plain text with a few marks, read into blocks of
 * spans that the page renders as text (LessonText) — never as HTML, so
 * `<img onerror=…>` in a lesson is shown as those characters.
 *
 * - Paragraphs are split by blank lines; a single line break stays a break.
 * - A line that starts with `- ` is an item of a list (the list runs while the lines do).
 * - `*emphasis*` and `` `code` `` mark spans within a line (not across lines); code is taken as it is, no marks inside it.
 * - A mark without its closing half is text.
 */

export type Span = { kind: 'text' | 'em' | 'code'; text: string }
export type Block = { kind: 'paragraph'; lines: Span[][] } | { kind: 'list'; items: Span[][] }

/** The spans of one line. */
export function spansOf(line: string): Span[] {
  const spans: Span[] = []
  let text = ''
  const flush = () => {
    if (text) spans.push({ kind: 'text', text })
    text = ''
  }
  let i = 0
  while (i < line.length) {
    const c = line[i]!
    if (c === '`' || c === '*') {
      const end = line.indexOf(c, i + 1)
      // An emphasis needs something in it that does not start or end with a space ("2 * 3 * 4" is arithmetic).
      const inner = end > i + 1 ? line.slice(i + 1, end) : ''
      if (inner && (c === '`' || inner.trim() === inner)) {
        flush()
        spans.push({ kind: c === '`' ? 'code' : 'em', text: inner })
        i = end + 1
        continue
      }
    }
    text += c
    i++
  }
  flush()
  return spans
}

/** The blocks of a step's text. */
export function parseMarkup(source: string): Block[] {
  const blocks: Block[] = []
  for (const chunk of source.replace(/\r\n?/g, '\n').split(/\n[ \t]*\n/)) {
    const lines = chunk.split('\n').filter((line, i, all) => line.trim() !== '' || (i > 0 && i < all.length - 1))
    let paragraph: Span[][] = []
    let list: Span[][] = []
    const end = () => {
      if (paragraph.length) blocks.push({ kind: 'paragraph', lines: paragraph })
      if (list.length) blocks.push({ kind: 'list', items: list })
      paragraph = []
      list = []
    }
    for (const line of lines) {
      const item = /^\s*- (.*)$/.exec(line)
      if (item) {
        if (paragraph.length) end()
        list.push(spansOf(item[1]!))
      } else {
        if (list.length) end()
        paragraph.push(spansOf(line))
      }
    }
    end()
  }
  return blocks
}
