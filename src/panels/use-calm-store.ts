/**
 * Selects from the store like useMeshStore, but re-renders at most every
 * `ms`: for panels whose text nobody can read at 60 ticks a second, and
 * whose every repaint costs the canvas a frame. A change after a quiet
 * spell (a step by hand) still shows at once.
 */
import { useEffect, useState } from 'react'

import { useMeshStoreApi } from '../store/context'
import type { MeshState } from '../store/mesh-store'

export function useCalmStore<T>(selector: (state: MeshState) => T, ms = 100): T {
  const api = useMeshStoreApi()
  const [value, setValue] = useState(() => selector(api.getState()))
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null
    let last = -Infinity
    const read = () => {
      timer = null
      last = performance.now()
      setValue(() => selector(api.getState()))
    }
    read()
    const unsubscribe = api.subscribe(() => {
      if (timer !== null) return
      const wait = last + ms - performance.now()
      if (wait <= 0) read()
      else timer = setTimeout(read, wait)
    })
    return () => {
      unsubscribe()
      if (timer !== null) clearTimeout(timer)
    }
  }, [api, selector, ms])
  return value
}
