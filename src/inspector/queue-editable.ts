/** Whether a queue can be edited now, apart from the tools that edit it (QueueSurgery.tsx), which the canvas's cards need not load. */
import { useMeshStore } from '../store/context'

/** Whether the queue can be edited now: the run paused (not busy) and the node in the outer mesh. */
export function useQueueEditable(): boolean {
  return useMeshStore((s) => s.player.activity === 'paused' && !s.runBusy && s.openPath.length === 0)
}
