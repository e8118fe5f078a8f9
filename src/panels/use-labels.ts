/** Node labels by id, from the document (the run prints what the seed would). */
import { useMemo } from 'react'

import { useMeshStore } from '../store/context'

export function useLabels(): (id: string) => string {
  const nodes = useMeshStore((s) => s.document.nodes)
  return useMemo(() => {
    const labels = new Map(nodes.map((n) => [n.id, n.label]))
    return (id: string) => labels.get(id) ?? id
  }, [nodes])
}
