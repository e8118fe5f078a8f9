import { describe, expect, it } from 'vitest'

import { Timeline } from '../engine'
import { meshDocument } from '../engine/testing'
import { documentToJson, readMeshFile } from './file'
import { MAX_RECORDED_ENTRIES, parseRecording, RECORDING_FORMAT, recordingFileName, recordingToJson } from './recording'

const chain = meshDocument({
  nodes: [
    { id: 'a', kind: 'start' },
    { id: 's', kind: 'sink' },
  ],
  edges: [{ source: 'a', port: 'target', target: 's' }],
  inputs: [{ node: 'a', values: [1, 2] }],
})

/** A recording's JSON data, with `change` made to it. */
function recording(change: (data: Record<string, unknown>) => void = () => {}): string {
  const t = new Timeline(chain)
  t.step()
  t.apply({ type: 'send', node: 'a', values: [5] })
  t.run()
  const data = JSON.parse(recordingToJson(t.history(), 3)) as Record<string, unknown>
  change(data)
  return JSON.stringify(data)
}

const error = (text: string) => {
  const result = readMeshFile(text)
  return result.ok ? null : result.error
}

describe('a recording file', () => {
  it('reads back the history it was written from: the document, each entry at its tick, the end and the tick', () => {
    const t = new Timeline(chain)
    t.step()
    t.apply({ type: 'send', node: 'a', values: [5, 'five', true, null] })
    t.run()
    const parsed = readMeshFile(recordingToJson(t.history(), 2))
    expect(parsed.ok).toBe(true)
    if (!parsed.ok) return
    expect(parsed.recording?.tick).toBe(2)
    expect(parsed.recording?.history.end).toBe(t.end)
    expect(parsed.recording?.history.entries).toEqual(t.history().entries)
    expect(documentToJson(parsed.document)).toBe(documentToJson(chain))
  })

  it('is told from a mesh file by its format, and a mesh file opens as before, with no recording', () => {
    const mesh = readMeshFile(documentToJson(chain))
    expect(mesh.ok && mesh.recording).toBe(undefined)
    expect(JSON.parse(recording()).format).toBe(RECORDING_FORMAT)
  })

  it('says what is wrong with a bad one, naming the field, and never throws', () => {
    expect(error(recording((d) => (d.version = 2)))).toMatch(/^This recording cannot be opened: version: is not 1: this recording was made by another version/)
    expect(error(recording((d) => (d.tick = 99)))).toMatch(/tick: 99 is past the recording's end/)
    expect(error(recording((d) => (d.end = 1e9)))).toMatch(/end: 1,000,000,000 is past the mesh's activation budget/)
    expect(error(recording((d) => (d.tick = 1e10)))).toMatch(/tick: is above 1,000,000,000/)
    expect(error(recording((d) => ((d.entries as unknown[]).reverse(), void 0)))).toMatch(/comes before the tick of the entry before it/)
    expect(error(recording((d) => ((d.entries as { action: unknown }[])[0]!.action = { type: 'eval', node: 'a' })))).toMatch(/is not a hand action/)
    expect(error(recording((d) => ((d.entries as { action: unknown }[])[0]!.action = { type: 'send', node: 'a', values: [{ html: '<img onerror=alert(1)>' }] })))).toMatch(
      /values\[0\]: is not a value a tasklet can be sent/,
    )
    expect(
      error(
        recording(
          (d) => ((d.entries as { action: unknown }[])[0]!.action = { type: 'update', document: { format: 'mesh-playground', version: 2, nodes: [{ id: 'x', kind: 'nope' }] } }),
        ),
      ),
    ).toMatch(/entries\[\d\]\.action\.document\.nodes\[0\]\.kind/)
    expect(error(recording((d) => (d.entries = Array.from({ length: MAX_RECORDED_ENTRIES + 1 }, () => ({ tick: 0, action: null })))))).toMatch(/more than 100,000 entries/)
    expect(error(recording((d) => (d.document = { format: 'mesh-playground', version: 2, nodes: 'all of them' })))).toMatch(/^This recording cannot be opened: document\.nodes: /)
    expect(error('{"format": "mesh-playground-recording", "version": 1, "document": {')).toMatch(/^This file is not valid JSON/)
  })

  it('keeps hostile text as text and ids like constructor as ids', () => {
    const odd = meshDocument({ nodes: [{ id: 'constructor', kind: 'start', label: '<script>alert(1)</script>' }], inputs: [{ node: 'constructor', values: [1] }] })
    const t = new Timeline(odd)
    t.apply({ type: 'send', node: 'constructor', values: ['<img src=x onerror=alert(1)>'] })
    t.run()
    const parsed = parseRecording(JSON.parse(recordingToJson(t.history(), t.end)))
    expect(parsed.ok).toBe(true)
    if (!parsed.ok) return
    expect(parsed.recording.history.entries[0]).toEqual({ tick: 0, action: { type: 'send', node: 'constructor', values: ['<img src=x onerror=alert(1)>'] } })
    expect(parsed.recording.history.document.nodes[0]!.label).toBe('<script>alert(1)</script>')
  })

  it('keeps queue edits, each at its tick, and replays them to the same run', () => {
    const t = new Timeline(chain)
    t.apply({ type: 'send', node: 'a', values: [7, 8, 9] })
    t.step()
    t.apply({ type: 'queue', node: 'a', edit: { op: 'drop', index: 1 } })
    t.apply({ type: 'queue', node: 'a', edit: { op: 'set', index: 0, value: 'x' } })
    t.apply({ type: 'queue', node: 'a', edit: { op: 'move', from: 2, to: 0 } })
    t.apply({ type: 'queue', node: 'a', edit: { op: 'insert', index: 1, value: null } })
    t.apply({ type: 'queue', node: 'a', edit: { op: 'transfer', index: 0, to: 's', at: 0 } })
    t.step()
    t.run()
    const parsed = parseRecording(JSON.parse(recordingToJson(t.history(), t.end)))
    expect(parsed.ok).toBe(true)
    if (!parsed.ok) return
    expect(parsed.recording.history.entries).toEqual(t.history().entries)
    const again = Timeline.replaying(parsed.recording.history)
    again.seek(again.end)
    expect(again.sim.outputs.toArray()).toEqual(t.sim.outputs.toArray())
  })

  it('refuses a queue edit that is not one, naming the field', () => {
    const edit = (value: unknown) => recording((d) => ((d.entries as { action: unknown }[])[0]!.action = { type: 'queue', node: 'a', edit: value }))
    expect(error(edit({ op: 'drop', index: -1 }))).toMatch(/edit\.index: is below 0/)
    expect(error(edit({ op: 'drop', index: 1.5 }))).toMatch(/edit\.index: is not a whole number/)
    expect(error(edit({ op: 'move', from: 0, to: 10_000_001 }))).toMatch(/edit\.to: is above 10,000,000/)
    expect(error(edit({ op: 'set', index: 0, value: { html: 1 } }))).toMatch(/edit\.value: is not a value a tasklet can be sent/)
    expect(error(edit({ op: 'transfer', index: 0, to: '', at: 0 }))).toMatch(/edit\.to: is empty/)
    expect(error(edit({ op: 'drop', index: 0, extra: 1 }))).toMatch(/extra/)
    expect(error(edit({ op: 'shuffle' }))).toMatch(/is not a queue edit/)
  })

  it('is named after the mesh and the tick', () => {
    expect(recordingFileName('meshing-part-3.mesh.json', 40)).toBe('meshing-part-3-tick-40.recording.json')
  })
})
