/** Tells autosave which document the page has shown: its effect runs only once React committed the page with it. */
import { useEffect } from 'react'

import type { ShownDocuments } from '../store/autosave'
import { useMeshStore } from '../store/context'

export function DocumentShown({ shown }: { shown: ShownDocuments }) {
  const document = useMeshStore((s) => s.document)
  useEffect(() => shown.mark(document), [shown, document])
  return null
}
