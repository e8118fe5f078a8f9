/**
 * Ids are the person's own words, and `constructor`, `__proto__` or
 * `toString` are as good as any: no lookup by id may find Object.prototype.
 * Every demo, its ids renamed to such names, must open, run, publish, save
 * and share exactly as it does with its own.
 */
import { describe, expect, it } from 'vitest'

import { DEMOS } from '../demos'
import { parseDocument, pyStr, Timeline, type MeshDocument } from '../engine'
import { documentToJson, readMeshFile } from '../share/file'
import { decodeLink, encodeLink } from '../share/link'
import { meshSvg } from '../share/mesh-svg'
import { toPython } from '../share/python-export'
import { createMeshStore, type MeshStore } from './mesh-store'
import { readRun } from './published-run'
import { sandboxStore, settle } from './sandbox-testing'

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

/** What the store shows of each node and sink, by the original ids. */
function shown(store: MeshStore, ids: readonly string[], name: (id: string) => string) {
  const { run, flow } = store.getState()
  return ids.map((id) => {
    const view = run.nodes[name(id)]
    return {
      id,
      queue: view?.queueLength,
      activations: view?.activations,
      dropped: view?.dropped,
      outputs: run.outputs[name(id)]?.map((o) => pyStr(o.value)),
      drops: flow.drops[name(id)] ?? [],
    }
  })
}

async function played(document: MeshDocument, steps: number): Promise<MeshStore> {
  const hasCode = document.nodes.some((n) => n.kind === 'code')
  const store = hasCode ? sandboxStore(document) : createMeshStore({ document })
  for (let i = 0; i < steps; i++) {
    store.getState().step()
    if (hasCode) await settle(store)
  }
  return store
}

describe('ids named like Object.prototype', () => {
  for (const demo of DEMOS) {
    it(`run the ${demo.id} demo as its own ids do, on every tick`, async () => {
      const { doc, name } = renamed(demo.document)
      expect(doc.nodes.slice(0, 5).map((n) => n.id)).toEqual(PROTOTYPE_NAMES.slice(0, Math.min(5, doc.nodes.length)))
      const ids = demo.document.nodes.map((n) => n.id)
      const mine = await played(doc, 0)
      const theirs = await played(demo.document, 0)
      expect(Object.keys(mine.getState().run.nodes).sort()).toEqual(ids.map(name).sort())
      for (let tick = 0; tick < 40; tick++) {
        expect(shown(mine, ids, name), `tick ${tick}`).toEqual(shown(theirs, ids, (id) => id))
        for (const store of [mine, theirs]) {
          store.getState().step()
          if (doc.nodes.some((n) => n.kind === 'code')) await settle(store)
        }
      }
      if (!doc.nodes.some((n) => n.kind === 'code')) {
        const timeline = new Timeline(doc)
        timeline.seek(25)
        const view = readRun(timeline, readRun(timeline))
        expect(Object.keys(view.nodes).sort()).toEqual(ids.map(name).sort())
        expect(Object.keys(view.outputs).sort()).toEqual(doc.nodes.filter((n) => n.kind === 'sink').map((n) => n.id).sort())
      }
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
})
