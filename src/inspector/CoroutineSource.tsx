import type { NodeKind } from '../engine'
import { kindSource } from './kind-sources'

/** The kind's coroutine, read-only, as the lesson shows it. */
export function CoroutineSource({ kind }: { kind: NodeKind }) {
  return (
    <details className="inspector-section coroutine">
      <summary>Coroutine of {kind}</summary>
      <pre tabIndex={0} aria-label={`Source code of ${kind}`}>
        <code>{kindSource(kind)}</code>
      </pre>
    </details>
  )
}
