/**
 * Ids are the person's own words, and `constructor`, `__proto__` or
 * `toString` are as good as any: no lookup by id may find Object.prototype.
 * Every demo, its ids renamed to such names, must open, run, publish, save
 * and share exactly as it does with its own.
 */
import { describe, expect, it } from 'vitest'

import { DEMOS } from '../demos'
import { ownValue, parseDocument, pyStr, Timeline, type MeshDocument } from '../engine'
import { documentToJson, readMeshFile } from '../formats/file'
import { decodeLink, encodeLink } from '../formats/link'
import { meshSvg } from '../formats/mesh-svg'
import { toPython } from '../formats/python-export'
import { NO_FLOW } from '../runner/flow'
import { createMeshStore, type MeshState } from './mesh-store'
import { readRun } from '../engine/run-view'
import { compileCoroutine } from '../sandbox/compile'

/** Names every plain object answers to, and the ones that change what an object is. */
export const PROTOTYPE_NAMES = [
  'constructor',
  '__proto__',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
] as const

/** The document with its node ids (and its first edges' ids) renamed to PROTOTYPE_NAMES, in order. */
function renamed(doc: MeshDocument): { doc: MeshDocument; name: (id: string) => string } {
  const names = new Map(doc.nodes.map((n, i) => [n.id, PROTOTYPE_NAMES[i] ?? n.id]))
  const name = (id: string) => names.get(id) ?? id
  const edgeNames = [...PROTOTYPE_NAMES].reverse()
  const parsed = parseDocument({
    ...doc,
    nodes: doc.nodes.map((n) => ({ ...n, id: name(n.id) })),
    edges: doc.edges.map((e, i) => ({ id: edgeNames[i] ?? e.id, source: name(e.source), port: e.port, target: name(e.target) })),
    inputs: doc.inputs.map((input) => ({ node: name(input.node), values: input.values })),
  })
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'))
  return { doc: parsed.document, name }
}

/** What a published run shows of each node and sink, and the flow of its drops, by the original ids. */
function shown({ run, flow }: Pick<MeshState, 'run' | 'flow'>, ids: readonly string[], name: (id: string) => string) {
  return ids.map((id) => {
    const view = run.nodes[name(id)]
    return {
      id,
      queue: view?.queueLength,
      activations: view?.activations,
      dropped: view?.dropped,
      error: view?.error,
      outputs: run.outputs[name(id)]?.map((o) => pyStr(o.value)),
      drops: flow.drops[name(id)] ?? [],
    }
  })
}

/** The run as published on every tick: through the store for a mesh the page runs, through readRun for one with code (which the store runs in a worker). */
function ticks(document: MeshDocument, count: number): ((ids: readonly string[], name: (id: string) => string) => unknown)[] {
  const out = []
  if (document.nodes.some((n) => n.kind === 'code')) {
    const timeline = new Timeline(document, { compile: compileCoroutine })
    let run = readRun(timeline)
    for (let tick = 0; tick < count; tick++) {
      const now = run
      out.push((ids: readonly string[], name: (id: string) => string) => shown({ run: now, flow: NO_FLOW }, ids, name))
      timeline.step()
      run = readRun(timeline, run)
    }
    return out
  }
  const store = createMeshStore({ document })
  for (let tick = 0; tick < count; tick++) {
    const state = store.getState()
    out.push((ids: readonly string[], name: (id: string) => string) => shown(state, ids, name))
    store.getState().step()
  }
  return out
}

describe('ids named like Object.prototype', () => {
  for (const demo of DEMOS) {
    it(`run the ${demo.id} demo as its own ids do, on every tick`, () => {
      const { doc, name } = renamed(demo.document)
      expect(doc.nodes.slice(0, 5).map((n) => n.id)).toEqual(PROTOTYPE_NAMES.slice(0, Math.min(5, doc.nodes.length)))
      const ids = demo.document.nodes.map((n) => n.id)
      expect(Object.keys(createMeshStore({ document: doc }).getState().run.nodes).sort()).toEqual(ids.map(name).sort())
      const mine = ticks(doc, 40)
      const theirs = ticks(demo.document, 40)
      mine.forEach((at, tick) => expect(at(ids, name), `tick ${tick}`).toEqual(theirs[tick]!(ids, (id) => id)))
      const timeline = new Timeline(doc, { compile: compileCoroutine })
      timeline.run(25)
      const view = readRun(timeline, readRun(timeline))
      expect(Object.keys(view.nodes).sort()).toEqual(ids.map(name).sort())
      expect(Object.keys(view.outputs).sort()).toEqual(
        doc.nodes
          .filter((n) => n.kind === 'sink')
          .map((n) => n.id)
          .sort(),
      )
    })

    it(`save, share and draw the ${demo.id} demo`, () => {
      const { doc } = renamed(demo.document)
      expect(readMeshFile(documentToJson(doc))).toEqual({ ok: true, document: doc })
      const link = decodeLink(encodeLink(doc))
      expect(link.ok && link.document).toEqual(doc)
      expect(meshSvg(doc)).toContain('<svg')
      expect(toPython(doc)).toContain('constructor')
    })
  }

  it("serve as a code node's port names, each sending where it is wired", () => {
    const source = `function* (ports) {
  while (true) {
    const item = yield
    if (item % 2) ports.constructor.send(item)
    else ports.__proto__.send(item)
  }
}`
    const doc = parseDocument({
      format: 'mesh-playground',
      version: 1,
      nodes: [
        { id: 'toString', kind: 'code', code: { source, ports: ['constructor', '__proto__'] } },
        { id: 'valueOf', kind: 'sink', label: 'odd' },
        { id: 'hasOwnProperty', kind: 'sink', label: 'even' },
      ],
      edges: [
        { source: 'toString', port: 'constructor', target: 'valueOf' },
        { source: 'toString', port: '__proto__', target: 'hasOwnProperty' },
      ],
      inputs: [{ node: 'toString', values: [1, 2, 3, 4] }],
    })
    if (!doc.ok) throw new Error(doc.errors.join('\n'))
    const timeline = new Timeline(doc.document, { compile: compileCoroutine })
    timeline.run(20)
    const view = readRun(timeline)
    expect(ownValue(view.nodes, 'toString')!.error).toBeNull()
    expect(ownValue(view.outputs, 'valueOf')!.map((o) => o.value)).toEqual([1, 3])
    expect(ownValue(view.outputs, 'hasOwnProperty')!.map((o) => o.value)).toEqual([2, 4])
  })
})
