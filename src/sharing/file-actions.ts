/**
 * What the File menu and dropping a file do: save the mesh as a
 * `.mesh.json` file, open one (with the same checks and messages as links),
 * and export the canvas as SVG or PNG and the mesh as a Python script.
 * The exports load their code only when asked for.
 */
import type { MeshDocument } from '../engine'
import { documentToJson, FILE_EXTENSION, FILE_TYPE, fileTooLarge, suggestedFileName } from '../formats/file-save'
import type { PictureOptions } from '../formats/mesh-svg'
import { OPEN_NOTICE_KEY } from '../store/open-slice'
import type { MeshStore } from '../store/mesh-store'
import { downloadBlob, downloadText } from '../ui/download'

/** The largest side of an exported PNG, in pixels (browsers refuse much larger canvases). */
const MAX_PNG_SIDE = 8192
const PNG_SCALE = 2

const baseName = (doc: MeshDocument) => suggestedFileName(doc).slice(0, -FILE_EXTENSION.length)

export function saveMeshFile(doc: MeshDocument): void {
  downloadText(suggestedFileName(doc), documentToJson(doc), FILE_TYPE)
}

/** Opens a mesh file; a bad one leaves the current mesh as it is and says what is wrong. */
export async function openMeshFile(store: MeshStore, file: File): Promise<void> {
  const refuse = (error: string) => store.getState().notify({ key: OPEN_NOTICE_KEY, tone: 'error', text: `${file.name}: ${error} Your mesh is as you left it.` })
  const tooLarge = fileTooLarge(file.size)
  if (tooLarge) return refuse(tooLarge)
  let text: string
  try {
    text = await file.text()
  } catch {
    return refuse('This file could not be read.')
  }
  // The reader (with the recording format) loads with the first file opened.
  const { readMeshFile } = await import('../formats/file')
  const result = readMeshFile(text)
  if (!result.ok) return refuse(result.error)
  store.getState().openMesh(result.document, { from: 'file', recording: result.recording })
}

/** Saves the run as it was explored: the mesh, what was done to it at which tick, and the tick it is at (see formats/recording.ts). */
export async function saveRecording(store: MeshStore): Promise<void> {
  const state = store.getState()
  const { recordingToJson, recordingFileName } = await import('../formats/recording')
  downloadText(recordingFileName(suggestedFileName(state.document), state.run.tick), recordingToJson(state.runHistory(), state.run.tick), FILE_TYPE)
}

export async function exportPython(doc: MeshDocument): Promise<void> {
  const { toPython } = await import('../formats/python-export')
  downloadText(`${baseName(doc)}.py`, toPython(doc), 'text/x-python')
}

export async function exportSvg(doc: MeshDocument, picture: PictureOptions): Promise<void> {
  const { meshSvg } = await import('../formats/mesh-svg')
  downloadText(`${baseName(doc)}.svg`, meshSvg(doc, picture), 'image/svg+xml')
}

/** Draws the SVG picture onto a canvas at twice its size (less for a very large mesh). */
export async function exportPng(doc: MeshDocument, picture: PictureOptions): Promise<void> {
  const { meshSvg } = await import('../formats/mesh-svg')
  const url = URL.createObjectURL(new Blob([meshSvg(doc, picture)], { type: 'image/svg+xml' }))
  try {
    const image = new Image()
    image.src = url
    await image.decode()
    const scale = Math.min(PNG_SCALE, MAX_PNG_SIDE / Math.max(image.naturalWidth, image.naturalHeight, 1))
    const canvas = document.createElement('canvas')
    canvas.width = Math.max(1, Math.round(image.naturalWidth * scale))
    canvas.height = Math.max(1, Math.round(image.naturalHeight * scale))
    const context = canvas.getContext('2d')
    if (!context) throw new Error('this browser cannot draw on a canvas')
    context.drawImage(image, 0, 0, canvas.width, canvas.height)
    const png = await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the picture could not be made into a PNG'))), 'image/png'),
    )
    downloadBlob(`${baseName(doc)}.png`, png)
  } finally {
    URL.revokeObjectURL(url)
  }
}
