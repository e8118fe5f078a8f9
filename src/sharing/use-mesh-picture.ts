/** The mesh as the canvas draws it now (node sizes, port positions, queues and sink values), for the image exports. */
import { useReactFlow } from '@xyflow/react'
import { useCallback } from 'react'

import { idRecord } from '../engine'
import type { NodeBox, PictureOptions } from '../formats/mesh-svg'
import { useMeshStoreApi } from '../store/context'

export function useMeshPicture(): () => PictureOptions {
  const api = useMeshStoreApi()
  const { getInternalNode } = useReactFlow()
  return useCallback(() => {
    const { document, run } = api.getState()
    const boxes = idRecord<NodeBox>()
    for (const node of document.nodes) {
      const internal = getInternalNode(node.id)
      const width = internal?.measured.width
      const height = internal?.measured.height
      if (!internal || !width || !height) continue
      const handles = internal.internals.handleBounds
      const centre = (h: { y: number; height: number }) => h.y + h.height / 2
      const target = handles?.target?.[0]
      boxes[node.id] = {
        x: node.position.x,
        y: node.position.y,
        width,
        height,
        ports: Object.fromEntries((handles?.source ?? []).map((h) => [h.id ?? '', centre(h)])),
        input: target ? centre(target) : height / 2,
      }
    }
    const queues = Object.fromEntries(Object.entries(run.nodes).map(([id, view]) => [id, { length: view.queueLength, head: view.head }]))
    return { boxes, run: { queues, outputs: run.outputs } }
  }, [api, getInternalNode])
}
