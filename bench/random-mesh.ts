/**
 * Random meshes for the link-length benchmark and tests: nodes of every
 * kind named as the editor names them (id `doubler-2`, label "doubler 2"),
 * placed anywhere on a 2,000 × 1,200 canvas (whole pixels, as a drag
 * leaves them), every output port wired to one or two random nodes, inputs
 * on a few nodes, an echoer's suffix and a priority here and there.
 */
import { KINDS, NODE_KINDS, parseDocument, Prng, type MeshDocument } from '../src/engine'

/** The kinds a random mesh picks from: a group needs an inside, which a random mesh does not build. */
const MESH_KINDS = NODE_KINDS.filter((kind) => kind !== 'group')

export interface RandomMeshOptions {
  nodes: number
  seed: number
  /** Labels as the editor gives them ("doubler 2"), or renamed by hand to a word or two. */
  labels?: 'editor' | 'renamed'
}

const WORDS = ['left', 'right', 'fast', 'slow', 'echo', 'main', 'spare', 'loop', 'hub', 'tail', 'head', 'mid']

/** The editor's naming: `base`, then `base<separator>2`, `base<separator>3`… */
function fresh(taken: Set<string>, base: string, separator: string): string {
  let name = base
  for (let n = 2; taken.has(name); n++) name = `${base}${separator}${n}`
  taken.add(name)
  return name
}

export function randomMesh({ nodes: count, seed, labels = 'editor' }: RandomMeshOptions): MeshDocument {
  const prng = new Prng(seed)
  const pick = <T>(list: readonly T[]): T => list[prng.randint(0, list.length - 1)]!
  const ids = new Set<string>()
  const names = new Set<string>()
  const nodes = Array.from({ length: count }, () => {
    const kind = pick(MESH_KINDS)
    return {
      id: fresh(ids, kind, '-'),
      kind,
      label: fresh(names, labels === 'editor' ? kind : `${pick(WORDS)} ${kind}`, ' '),
      params: kind === 'echoer' && prng.random() < 0.5 ? { suffix: pick(['womb!', 'there', 'again', '!']) } : {},
      priority: prng.random() < 0.3 ? { random: [1, 20] } : prng.random() < 0.3 ? prng.randint(1, 100) : 0,
      position: { x: prng.randint(0, 2000), y: prng.randint(0, 1200) },
    }
  })
  const edges = nodes.flatMap((node) => KINDS[node.kind].ports.flatMap((port) => Array.from({ length: prng.randint(1, 2) }, () => ({ source: node.id, port, target: pick(nodes).id }))))
  const inputs = nodes.filter(() => prng.random() < 0.1).map((node) => ({ node: node.id, values: Array.from({ length: prng.randint(1, 4) }, () => prng.randint(0, 99)) }))
  const parsed = parseDocument({
    format: 'mesh-playground',
    version: 1,
    title: `Random mesh of ${count} nodes (seed ${seed})`,
    nodes,
    edges,
    inputs,
    scheduler: prng.random() < 0.5 ? 'taskmaster' : 'priority',
    mode: prng.random() < 0.5 ? 'flush' : 'next',
    seed,
  })
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'))
  return parsed.document
}
