/** A lesson's text in its small markup (markup.ts), rendered as React text nodes: paragraphs, lists, emphasis and code, never HTML. */
import { Fragment, useMemo } from 'react'

import { parseMarkup, type Span } from './markup'

function Spans({ spans }: { spans: Span[] }) {
  return spans.map((span, i) =>
    span.kind === 'em' ? <em key={i}>{span.text}</em> : span.kind === 'code' ? <code key={i}>{span.text}</code> : <Fragment key={i}>{span.text}</Fragment>,
  )
}

export function LessonText({ text, className }: { text: string; className?: string }) {
  const blocks = useMemo(() => parseMarkup(text), [text])
  return (
    <div className={className}>
      {blocks.map((block, i) =>
        block.kind === 'list' ? (
          <ul key={i}>
            {block.items.map((item, j) => (
              <li key={j}>
                <Spans spans={item} />
              </li>
            ))}
          </ul>
        ) : (
          <p key={i}>
            {block.lines.map((line, j) => (
              <Fragment key={j}>
                {j > 0 && <br />}
                <Spans spans={line} />
              </Fragment>
            ))}
          </p>
        ),
      )}
    </div>
  )
}
