/**
 * The File menu: save the mesh as a file, open one, and the exports. A
 * disclosure button with a list of buttons: Escape or a click elsewhere
 * closes it, and focus goes back to the button.
 */
import { useEffect, useId, useRef, useState, type ChangeEvent, type KeyboardEvent } from 'react'

import { useMeshStoreApi } from '../store/context'
import { openFile } from './open-file'
import { useMeshPicture } from './use-mesh-picture'

/** What the items do (saving, opening, the exports) loads with the first one chosen. */
const actions = () => import('./file-actions')

export function FileMenu() {
  const api = useMeshStoreApi()
  const id = useId()
  const [open, setOpen] = useState(false)
  const root = useRef<HTMLDivElement>(null)
  const toggle = useRef<HTMLButtonElement>(null)
  const input = useRef<HTMLInputElement>(null)
  const picture = useMeshPicture()

  useEffect(() => {
    if (!open) return
    const onPointerDown = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false)
    }
    window.addEventListener('pointerdown', onPointerDown)
    return () => window.removeEventListener('pointerdown', onPointerDown)
  }, [open])

  const close = () => {
    setOpen(false)
    toggle.current?.focus()
  }

  /** Runs a menu item: the menu closes, and a failed export says why. */
  const choose = (what: string, action: () => void | Promise<void>) => {
    close()
    Promise.resolve()
      .then(action)
      .catch((e: unknown) => api.getState().notify({ key: 'export', tone: 'error', text: `${what} failed: ${e instanceof Error ? e.message : String(e)}` }))
  }

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && open) {
      event.stopPropagation()
      close()
    }
  }

  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0]
    event.target.value = ''
    if (file) void openFile(api, file)
  }

  const doc = () => api.getState().document
  return (
    <div className="file-menu" ref={root} onKeyDown={onKeyDown} onBlur={(event) => !root.current?.contains(event.relatedTarget) && setOpen(false)}>
      <button type="button" ref={toggle} aria-expanded={open} aria-controls={`${id}-menu`} onClick={() => setOpen(!open)}>
        File <span aria-hidden="true">▾</span>
      </button>
      <ul id={`${id}-menu`} className="file-menu-list" hidden={!open} aria-label="File">
        <li>
          <button type="button" title="An empty canvas; Undo brings this mesh back" onClick={() => choose('New mesh', () => api.getState().newMesh())}>
            New mesh
          </button>
        </li>
        <li className="file-menu-divided">
          <button type="button" onClick={() => choose('Saving', async () => (await actions()).saveMeshFile(doc()))}>
            Save
          </button>
        </li>
        <li>
          <button
            type="button"
            title="The mesh and its run as you explored it: what you did at which tick, and the tick you are at, for someone else to replay exactly"
            onClick={() => choose('Saving the recording', async () => (await actions()).saveRecording(api))}
          >
            Save recording
          </button>
        </li>
        <li>
          <button
            type="button"
            title="A mesh file, or a recording of a run"
            onClick={() => {
              close()
              input.current?.click()
            }}
          >
            Open…
          </button>
        </li>
        <li className="file-menu-divided">
          <button type="button" onClick={() => choose('Export PNG', async () => (await actions()).exportPng(doc(), picture()))}>
            Export PNG
          </button>
        </li>
        <li>
          <button type="button" onClick={() => choose('Export SVG', async () => (await actions()).exportSvg(doc(), picture()))}>
            Export SVG
          </button>
        </li>
        <li>
          <button type="button" onClick={() => choose('Export as Python', async () => (await actions()).exportPython(doc()))}>
            Export as Python
          </button>
        </li>
      </ul>
      <input ref={input} type="file" accept=".json,application/json" hidden aria-label="Open a mesh file" onChange={onFile} />
    </div>
  )
}
