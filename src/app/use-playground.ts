/**
 * Sets up the playground a visit asks for: the store (with the saved mesh,
 * or the first visit's), then whatever the address opens (a link, a demo),
 * then autosave. Autosave starts only after that (and pauses while a link
 * pasted into the address bar opens), so a mesh opened from the address
 * replaces the saved one only once the person changes it. The
 * embed view neither reads nor writes the saved mesh, and cannot edit.
 */
import { useEffect, useState } from 'react'

import { ShownDocuments, STORAGE_KEY, attachAutosave } from '../store/autosave'
import type { MeshStore } from '../store/mesh-store'
import { bootStore, browserStorage } from './boot'
import { openLaunch, readLaunch, withDemo, withoutLink, withPresent, type Launch } from './launch'

export interface Playground {
  store: MeshStore
  embed: boolean
  /** Nothing saved and nothing asked for: the visitor may want a way in. */
  firstVisit: boolean
  /** The documents the page has shown: only those are saved, so one that crashes the page never replaces the last good save. */
  shown: ShownDocuments
}

/** Opens what the address asks for; never rejects (a chunk that fails to load is a notice). */
function openSafely(store: MeshStore, launch: Launch): Promise<void> {
  return openLaunch(store, launch).catch((e: unknown) => {
    store.getState().notify({ key: 'launch', tone: 'error', text: `The mesh in the address could not be opened: ${e instanceof Error ? e.message : String(e)}` })
  })
}

/** The address is opened once per store, even when React runs effects twice. */
const opened = new WeakMap<MeshStore, Promise<void>>()

function opening(store: MeshStore, launch: Launch): Promise<void> {
  let promise = opened.get(store)
  if (!promise) {
    promise = openSafely(store, launch)
    opened.set(store, promise)
  }
  return promise
}

function hasSave(storage: Storage | null): boolean {
  try {
    return storage?.getItem(STORAGE_KEY) != null
  } catch {
    return false
  }
}

/** Keeps `?demo=` in the address in step with the lesson followed, so the address can be shared or reloaded. */
function followDemoInAddress(store: MeshStore): () => void {
  return store.subscribe((state, previous) => {
    const id = state.lesson?.demo?.id ?? null
    if (id === (previous.lesson?.demo?.id ?? null)) return
    history.replaceState(history.state, '', withDemo(location.href, id))
  })
}

/** Keeps `?present` in the address in step with presenter mode. */
function followPresentingInAddress(store: MeshStore): () => void {
  return store.subscribe((state, previous) => {
    if (state.presenting !== previous.presenting) history.replaceState(history.state, '', withPresent(location.href, state.presenting))
  })
}

export function usePlayground(): Playground {
  const [setup] = useState(() => {
    const launch = readLaunch(location.href)
    const storage = launch.embed ? null : browserStorage()
    const firstVisit = !launch.embed && !launch.link && launch.demo === null && !hasSave(storage)
    const store = bootStore(storage)
    if (launch.embed) {
      store.getState().setReadOnly(true)
      // An iframe has no room for the minimap.
      if (store.getState().panels.minimap) store.getState().togglePanel('minimap')
    }
    return { store, launch, firstVisit, shown: new ShownDocuments() }
  })

  useEffect(() => {
    const { store, launch, shown } = setup
    if (launch.link) history.replaceState(history.state, '', withoutLink(location.href))
    if (launch.embed) return void opening(store, launch)
    const storage = browserStorage()
    let cancelled = false
    let stopSaving: (() => void) | undefined
    const save = () => {
      if (!cancelled && storage && !stopSaving) stopSaving = attachAutosave(store, storage, { shown })
    }
    /** A link pasted into the address bar of this very page changes only the hash: open it the same way. */
    const onHashChange = () => {
      const link = readLaunch(location.href).link
      if (!link) return
      history.replaceState(history.state, '', withoutLink(location.href))
      stopSaving?.()
      stopSaving = undefined
      void openSafely(store, { link, demo: null, embed: false, present: false }).then(save)
    }
    void opening(store, launch).then(save)
    window.addEventListener('hashchange', onHashChange)
    const stopFollowing = followDemoInAddress(store)
    const stopFollowingPresenting = followPresentingInAddress(store)
    return () => {
      cancelled = true
      stopSaving?.()
      stopFollowing()
      stopFollowingPresenting()
      window.removeEventListener('hashchange', onHashChange)
    }
  }, [setup])

  return { store: setup.store, embed: setup.launch.embed, firstVisit: setup.firstVisit, shown: setup.shown }
}
