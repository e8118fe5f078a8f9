/**
 * The run's record and its scheduling figures, for a panel that shows them
 * (Stats, Lanes): while the panel is mounted the store keeps the record up
 * to date (see record-slice.ts); null until the first one is made.
 */
import { useEffect } from 'react'

import type { RunLanes, SchedulingFigures } from '../engine'
import { useMeshStore, useMeshStoreApi } from '../store/context'

export function useRunRecord(): { lanes: RunLanes; figures: SchedulingFigures; upTo: number } | null {
  const api = useMeshStoreApi()
  useEffect(() => api.getState().needRunRecord(), [api])
  return useMeshStore((s) => s.runRecord)
}
