/** Node labels by id, from the document (the run prints what the seed would). */
import { useMemo } from 'react'

import { useMeshStore } from '../store/context'
import { selectShown } from '../store/group-scope'

/** With `shown`, of the mesh shown on the canvas (an opened group's inside). */
export function useLabels(shown = false): (id: string) => string {
  const nodes = useMeshStore((s) => (shown ? selectShown(s) : s.document).nodes)
  return useMemo(() => {
    const labels = new Map(nodes.map((n) => [n.id, n.label]))
    return (id: string) => labels.get(id) ?? id
  }, [nodes])
}
