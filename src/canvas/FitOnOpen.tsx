/** Fits a newly opened mesh (a demo, a link, a file) in view; React Flow waits until its nodes are measured. */
import { useReactFlow } from '@xyflow/react'
import { useEffect } from 'react'

import { useMeshStore } from '../store/context'

export function FitOnOpen() {
  const opened = useMeshStore((s) => s.opened)
  const { fitView } = useReactFlow()
  useEffect(() => {
    if (opened > 0) void fitView({ padding: 0.1, maxZoom: 1 })
  }, [opened, fitView])
  return null
}
