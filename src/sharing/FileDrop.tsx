/** Opens a mesh file dropped anywhere on the page, and shows where it can go while one is dragged over. */
import { useEffect, useState } from 'react'

import { useMeshStoreApi } from '../store/context'
import { openFile } from './open-file'

const carriesFiles = (event: DragEvent) => Boolean(event.dataTransfer?.types.includes('Files'))

export function FileDrop() {
  const api = useMeshStoreApi()
  const [over, setOver] = useState(false)
  useEffect(() => {
    // dragenter and dragleave fire for every element crossed: count them to know when the drag leaves the page.
    let depth = 0
    const onEnter = (event: DragEvent) => {
      if (!carriesFiles(event)) return
      depth++
      setOver(true)
    }
    const onLeave = (event: DragEvent) => {
      if (!carriesFiles(event)) return
      depth = Math.max(0, depth - 1)
      if (depth === 0) setOver(false)
    }
    const onOver = (event: DragEvent) => {
      if (!carriesFiles(event)) return
      event.preventDefault()
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy'
    }
    const onDrop = (event: DragEvent) => {
      if (!carriesFiles(event)) return
      event.preventDefault()
      depth = 0
      setOver(false)
      const file = event.dataTransfer?.files[0]
      if (file) void openFile(api, file)
    }
    window.addEventListener('dragenter', onEnter)
    window.addEventListener('dragleave', onLeave)
    window.addEventListener('dragover', onOver)
    window.addEventListener('drop', onDrop)
    return () => {
      window.removeEventListener('dragenter', onEnter)
      window.removeEventListener('dragleave', onLeave)
      window.removeEventListener('dragover', onOver)
      window.removeEventListener('drop', onDrop)
    }
  }, [api])
  if (!over) return null
  return (
    <div className="file-drop" aria-hidden="true">
      <p>Drop a .mesh.json file to open it</p>
    </div>
  )
}
