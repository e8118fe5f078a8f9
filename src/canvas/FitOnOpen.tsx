/** Fits a newly opened mesh (a demo, a link, a file) in view; React Flow waits until its nodes are measured. */
import { useReactFlow } from '@xyflow/react'
import { useEffect } from 'react'

import { useMeshStore, useMeshStoreApi } from '../store/context'
import { fitViewOptions } from './fit-view'

export function FitOnOpen() {
  const api = useMeshStoreApi()
  const opened = useMeshStore((s) => s.opened)
  const { fitView } = useReactFlow()
  useEffect(() => {
    if (opened > 0) void fitView(fitViewOptions(api.getState().panels.minimap))
  }, [api, opened, fitView])
  return null
}
