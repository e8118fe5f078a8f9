/**
 * The store in React: one provider per playground, and hooks that select
 * the smallest thing a component shows.
 */
import { createContext, useContext, useState, type ReactNode } from 'react'
import type { TemporalState } from 'zundo'
import { useStore } from 'zustand'

import { createMeshStore, type HistoryState, type MeshState, type MeshStore, type MeshStoreInit } from './mesh-store'

const MeshStoreContext = createContext<MeshStore | null>(null)

export function MeshStoreProvider({ store, init, children }: { store?: MeshStore; init?: MeshStoreInit; children: ReactNode }) {
  const [own] = useState(() => store ?? createMeshStore(init))
  return <MeshStoreContext.Provider value={store ?? own}>{children}</MeshStoreContext.Provider>
}

/** The store itself, for actions and for reading state in event handlers without subscribing. */
export function useMeshStoreApi(): MeshStore {
  const store = useContext(MeshStoreContext)
  if (!store) throw new Error('useMeshStore needs a <MeshStoreProvider> around the component')
  return store
}

/** Selects one thing from the store; the component re-renders only when it changes. */
export function useMeshStore<T>(selector: (state: MeshState) => T): T {
  return useStore(useMeshStoreApi(), selector)
}

/** Selects from the undo history (e.g. whether there is anything to undo). */
export function useMeshHistory<T>(selector: (state: TemporalState<HistoryState>) => T): T {
  return useStore(useMeshStoreApi().temporal, selector)
}
