/** Presenter mode while it is on, the page's own view otherwise; presenter mode (Presenter.tsx) loads when it is first turned on. */
import { lazy, Suspense, type ReactNode } from 'react'

import { useMeshStore } from '../store/context'
import { lessonSteps } from '../store/shown-lesson'

const Presenter = lazy(() => import('./Presenter').then((m) => ({ default: m.Presenter })))

/** Presenter mode while it is on, the page's own view (`children`) otherwise. */
export function PresenterOr({ children }: { children: ReactNode }) {
  const presenting = useMeshStore((s) => s.presenting && lessonSteps(s) !== null)
  if (!presenting) return children
  return (
    <Suspense
      fallback={
        <p className="muted" role="status">
          Loading…
        </p>
      }
    >
      <Presenter />
    </Suspense>
  )
}
