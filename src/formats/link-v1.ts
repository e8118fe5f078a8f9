/**
 * Link format 1: a mesh document in a compact JSON form, before lz-string.
 *
 *     { "n": [[id, kind, x, y, label?, priority?, params?], …],
 *       "e": [source, port, target, source, port, target, …],
 *       "ei": { "<edge index>": "id" }, "i": [[node, [values…]], …],
 *       "t": title, "s": scheduler, "m": mode, "r": seed,
 *       "l": [maxActivations, maxQueue], "g": grid,
 *       "c": [[node, source?, ports?], …], "p": [name, source] }
 *
 * Nodes are referred to by their index, kinds and ports by their index in
 * the tables below, positions are whole numbers divided by the grid `g`, and
 * whatever equals its default is left out (trailing nulls too). Ids and
 * labels the editor gave are short: id `doubler-3` is written 3 (`doubler`
 * is 1), and its label "doubler 3" is left out. A code node's source and
 * ports go in `c` (added later, optional: links without it read as
 * before); its wires name its ports by their index in its own list. A
 * written policy goes in `p` as its name and source (added later still,
 * optional in the same way; the scheduler `"policy"` is written by name
 * in `s`). This file
 * is frozen: links made with it must open the same way forever, so its
 * tables and defaults are copies, not imports from the engine (a kind or
 * port the tables lack is written by name). A change of format is a new
 * file, `link-v2.ts`, and this one stays to read old links.
 */
import * as v from 'valibot'
import { excerpt, issueMessage, type MeshDocument, type MeshNode } from '../engine'

/** Kind names by index: append only. */
const KINDS = ['start', 'branch', 'doubler', 'tripler', 'recycler', 'sink', 'echoer', 'code'] as const
/** Each kind's ports by index: append only. */
const PORTS: Record<string, readonly string[]> = {
  start: ['target'],
  branch: ['left', 'right', 'rand'],
  doubler: ['target'],
  tripler: ['target'],
  recycler: ['beginning', 'sink'],
  sink: [],
  echoer: ['target'],
}
/** A code node's ports and source when `c` leaves them out (the engine's defaults when this was written). */
const CODE_PORTS: readonly string[] = ['out']
const CODE_SOURCE = `function* (ports, params, self) {
  while (true) {
    const item = yield
    ports.out.send(item)
  }
}
`
const PARAM_DEFAULTS: Record<string, Record<string, unknown>> = { echoer: { suffix: 'world!' } }
const DEFAULTS = {
  title: '',
  priority: 0,
  scheduler: 'taskmaster',
  mode: 'flush',
  seed: 1,
  maxActivations: 1_000_000,
  maxQueue: 10_000,
} as const

type Scalar = string | number | boolean | null
/** A code node's code: its index, then its source (null: CODE_SOURCE) and ports (left out: CODE_PORTS). */
type CompactCode = [node: number, source?: string | null, ports?: string[]]
type CompactNode = [
  id: string | number,
  kind: number | string,
  x: number,
  y: number,
  label?: string | null,
  priority?: number | [number, number] | null,
  params?: Record<string, Scalar> | null,
]

export interface CompactV1 {
  n: CompactNode[]
  e?: (number | string)[]
  ei?: Record<string, string>
  i?: [number, Scalar[]][]
  t?: string
  s?: string
  m?: string
  r?: number
  l?: [number, number]
  g?: number
  c?: CompactCode[]
  p?: [name: string, source: string]
}

/**
 * The ids parseDocument gives edges without one, `a.out-b`, then `a.out-b#2`…,
 * the first one free; frozen here so old links keep their edge ids. Each name
 * remembers how far along it got (ids are only added), so that 6,000
 * identical edges take linear time.
 */
class GeneratedEdgeIds {
  private readonly taken = new Set<string>()
  private readonly reached = new Map<string, number>()

  add(id: string): void {
    this.taken.add(id)
  }

  id(source: string, port: string, target: string): string {
    const base = `${source}.${port}-${target}`
    let n = this.reached.get(base) ?? 1
    let id = n === 1 ? base : `${base}#${n}`
    while (this.taken.has(id)) id = `${base}#${++n}`
    this.reached.set(base, n)
    return id
  }
}

const NUMBERED = /^(.*)-([1-9]\d{0,7})$/

/** The editor's ids, `sink`, `sink-2`, `sink-3`…, as 1, 2, 3…; any other id as itself. */
function shortId(id: string, kind: string): string | number {
  if (id === kind) return 1
  const numbered = NUMBERED.exec(id)
  return numbered && numbered[1] === kind && numbered[2] !== '1' ? Number(numbered[2]) : id
}

function longId(id: string | number, kind: string): string {
  if (typeof id === 'string') return id
  return id === 1 ? kind : `${kind}-${id}`
}

/**
 * The label a node gets when the link leaves it out: the way the editor
 * names new nodes, "sink" for id `sink` and "sink 2" for id `sink-2`.
 */
function defaultLabel(id: string, kind: string): string {
  const numbered = NUMBERED.exec(id)
  return numbered && numbered[1] === kind ? `${kind} ${numbered[2]}` : kind
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b]
  return a
}

/** The largest grid every position lies on (1 when there is none). */
function gridOf(coords: number[]): number {
  let g = 0
  for (const c of coords) {
    if (Math.abs(c) > 2 ** 31) return 1
    g = gcd(g, Math.abs(c))
  }
  return g > 1 ? g : 1
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i])
}

/** The ports a wire's port is numbered in: the kind's, or a code node's own. */
function portTable(node: Pick<MeshNode, 'kind' | 'code'> | undefined): readonly string[] {
  if (!node) return []
  return node.kind === 'code' ? (node.code?.ports ?? CODE_PORTS) : (PORTS[node.kind] ?? [])
}

function compactCode(node: MeshNode, index: number): CompactCode | null {
  if (node.kind !== 'code' || !node.code) return null
  const out: CompactCode = [index, node.code.source === CODE_SOURCE ? null : node.code.source]
  if (!sameList(node.code.ports, CODE_PORTS)) out.push([...node.code.ports])
  else if (out[1] === null) return null
  return out
}

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || (typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b))
}

function compactNode(node: MeshNode, grid: number): CompactNode {
  const kindIndex = (KINDS as readonly string[]).indexOf(node.kind)
  const out: CompactNode = [shortId(node.id, node.kind), kindIndex >= 0 ? kindIndex : node.kind, Math.round(node.position.x) / grid, Math.round(node.position.y) / grid]
  const defaults = PARAM_DEFAULTS[node.kind] ?? {}
  const params: Record<string, Scalar> = {}
  let anyParam = false
  for (const name of Object.keys(node.params).sort()) {
    const value = node.params[name]!
    if (name in defaults && sameValue(defaults[name], value)) continue
    params[name] = value
    anyParam = true
  }
  const label = node.label === defaultLabel(node.id, node.kind) ? null : node.label
  const priority =
    typeof node.priority === 'number' ? (node.priority === DEFAULTS.priority ? null : node.priority) : ([node.priority.random[0], node.priority.random[1]] as [number, number])
  const rest: [string | null, number | [number, number] | null, Record<string, Scalar> | null] = [label, priority, anyParam ? params : null]
  while (rest.length && rest[rest.length - 1] === null) rest.pop()
  out.push(...rest)
  return out
}

/** The compact form of a document (positions rounded to whole numbers). */
export function compactV1(doc: MeshDocument): CompactV1 {
  const rounded = doc.nodes.flatMap((n) => [Math.round(n.position.x), Math.round(n.position.y)])
  const grid = gridOf(rounded)
  const index = new Map(doc.nodes.map((n, i) => [n.id, i]))
  const nodeById = new Map(doc.nodes.map((n) => [n.id, n]))
  const out: CompactV1 = { n: doc.nodes.map((node) => compactNode(node, grid)) }
  if (doc.edges.length) {
    const taken = new GeneratedEdgeIds()
    const ids: Record<string, string> = {}
    out.e = doc.edges.flatMap((edge, i) => {
      if (edge.id !== taken.id(edge.source, edge.port, edge.target)) ids[i] = edge.id
      taken.add(edge.id)
      const ports = portTable(nodeById.get(edge.source))
      const port = ports.indexOf(edge.port)
      return [index.get(edge.source) ?? edge.source, port >= 0 ? port : edge.port, index.get(edge.target) ?? edge.target]
    })
    if (Object.keys(ids).length) out.ei = ids
  }
  if (doc.inputs.length) out.i = doc.inputs.map((input) => [index.get(input.node) ?? -1, [...input.values]])
  if (doc.title !== DEFAULTS.title) out.t = doc.title
  if (doc.scheduler !== DEFAULTS.scheduler) out.s = doc.scheduler
  if (doc.mode !== DEFAULTS.mode) out.m = doc.mode
  if (doc.seed !== DEFAULTS.seed) out.r = doc.seed
  if (doc.limits.maxActivations !== DEFAULTS.maxActivations || doc.limits.maxQueue !== DEFAULTS.maxQueue) {
    out.l = [doc.limits.maxActivations, doc.limits.maxQueue]
  }
  if (grid !== 1) out.g = grid
  const code = doc.nodes.map(compactCode).filter((entry): entry is CompactCode => entry !== null)
  if (code.length) out.c = code
  if (doc.policy) out.p = [doc.policy.name, doc.policy.source]
  return out
}

// ---- reading ----------------------------------------------------------------

const Index = v.pipe(v.number(), v.integer('is not a whole number'), v.minValue(0, 'is negative'))
const Scalar = v.union([v.string(), v.number(), v.boolean(), v.null()], 'is not text, a number, true, false or null')

const NodeSchema = v.strictTuple(
  [
    v.union([v.string(), v.pipe(Index, v.minValue(1, 'is below 1'))], 'the id is not text or a number'),
    v.union([Index, v.string()], 'the kind is not a number or a name'),
    v.number('x is not a number'),
    v.number('y is not a number'),
    v.nullish(v.string('the label is not text')),
    v.nullish(v.union([v.number(), v.strictTuple([v.number(), v.number()])], 'the priority is not a number or [lo, hi]')),
    v.nullish(v.record(v.string(), Scalar, 'the parameters are not an object')),
  ],
  'is not [id, kind, x, y, …]',
)

const CompactSchema = v.object(
  {
    n: v.array(NodeSchema, 'is not a list of nodes'),
    e: v.optional(v.array(v.union([Index, v.string()], 'is not a number or a name'), 'is not a list')),
    ei: v.optional(v.record(v.string(), v.string('is not text'), 'is not an object of edge ids')),
    i: v.optional(v.array(v.strictTuple([Index, v.array(Scalar, 'is not a list')], 'is not [node, values]'), 'is not a list')),
    t: v.optional(v.string('is not text')),
    s: v.optional(v.string('is not text')),
    m: v.optional(v.string('is not text')),
    r: v.optional(v.number('is not a number')),
    l: v.optional(v.strictTuple([v.number(), v.number()], 'is not [maxActivations, maxQueue]')),
    g: v.optional(v.pipe(v.number('is not a number'), v.integer('is not a whole number'), v.minValue(1, 'is below 1'))),
    c: v.optional(
      v.array(
        v.union(
          [v.strictTuple([Index]), v.strictTuple([Index, v.nullable(v.string())]), v.strictTuple([Index, v.nullable(v.string()), v.array(v.string())])],
          'is not [node, source, ports]',
        ),
        'is not a list',
      ),
    ),
    p: v.optional(v.strictTuple([v.string('the name is not text'), v.string('the source is not text')], 'is not [name, source]')),
  },
  'is not a compact mesh',
)

const FIELD_NAMES: Record<string, string> = {
  n: 'nodes',
  e: 'edges',
  ei: 'edge ids',
  i: 'inputs',
  t: 'title',
  s: 'scheduler',
  m: 'mode',
  r: 'seed',
  l: 'limits',
  g: 'grid',
  c: 'code',
  p: 'policy',
}

function describeIssue(issue: v.BaseIssue<unknown>): string {
  const path = issue.path ?? []
  const [first, ...rest] = path.map((item) => item.key)
  if (first === undefined) return issue.message
  const field = FIELD_NAMES[String(first)] ?? excerpt(String(first))
  return `${field}${rest.map((k) => `[${excerpt(String(k))}]`).join('')}: ${issue.message}`
}

/** A link's errors, each a short line for the message that lists as many as fit. */
export type ExpandResult = { ok: true; json: Record<string, unknown> } | { ok: false; errors: string[] }

/**
 * Turns the compact form back into a document's JSON, every default written
 * out, for `parseDocument` to validate. Errors are about the compact form
 * itself (a node index that does not exist, say); the document's own rules
 * are left to `parseDocument`.
 */
export function expandV1(data: unknown): ExpandResult {
  const parsed = v.safeParse(CompactSchema, data, { message: issueMessage })
  if (!parsed.success) return { ok: false, errors: parsed.issues.slice(0, 10).map(describeIssue) }
  const c = parsed.output
  const grid = c.g ?? 1
  const count = c.n.length
  const nodes = c.n.map(([idRef, kind, x, y, label, priority, params]) => {
    const kindName: string | undefined = typeof kind === 'number' ? KINDS[kind] : kind
    return { id: longId(idRef, kindName ?? ''), kindName, kind, x, y, label, priority, params }
  })
  const errors: string[] = []
  const code = new Map<number, { source: string; ports: string[] }>()
  for (const [ref, source, ports] of c.c ?? []) {
    if (ref >= count) errors.push(`code for node ${ref + 1}, but the mesh has only ${count} node${count === 1 ? '' : 's'}`)
    else if (code.has(ref)) errors.push(`node ${ref + 1} has code twice`)
    else code.set(ref, { source: source ?? CODE_SOURCE, ports: ports ?? [...CODE_PORTS] })
  }
  nodes.forEach((node, i) => {
    if (node.kindName === undefined) errors.push(`node ${i + 1} has kind number ${String(node.kind)}, which no version has had`)
  })
  const nodeAt = (ref: number | string | undefined, what: string): (typeof nodes)[number] | undefined => {
    if (typeof ref !== 'number') {
      errors.push(`${what} is ${typeof ref === 'string' ? `"${excerpt(ref)}"` : 'missing'}, not a node number`)
      return undefined
    }
    const node = nodes[ref]
    if (!node) errors.push(`${what} is node ${ref + 1}, but the mesh has only ${count} node${count === 1 ? '' : 's'}`)
    return node
  }
  const flat = c.e ?? []
  if (flat.length % 3 !== 0) errors.push(`the edge list has ${flat.length} numbers, not a multiple of 3 (source, port, target)`)
  const taken = new GeneratedEdgeIds()
  const edges: { id: string; source: string; port: string; target: string }[] = []
  for (let k = 0; k + 2 < flat.length; k += 3) {
    const n = k / 3 + 1
    const source = nodeAt(flat[k], `edge ${n}'s source`)
    const target = nodeAt(flat[k + 2], `edge ${n}'s target`)
    const portRef = flat[k + 1]!
    let port: string | undefined
    if (typeof portRef === 'string') port = portRef
    else if (source?.kindName !== undefined) {
      const table = source.kindName === 'code' ? (code.get(nodes.indexOf(source))?.ports ?? CODE_PORTS) : PORTS[source.kindName]
      port = table?.[portRef]
      if (port === undefined) errors.push(`edge ${n} leaves ${excerpt(source.kindName)} "${excerpt(source.id)}" by port number ${portRef}, which it does not have`)
    }
    if (!source || !target || port === undefined) continue
    const id = c.ei?.[String(n - 1)] ?? taken.id(source.id, port, target.id)
    taken.add(id)
    edges.push({ id, source: source.id, port, target: target.id })
  }
  const inputs = (c.i ?? []).flatMap(([ref, values], k) => {
    const node = nodeAt(ref, `input list ${k + 1}'s node`)
    return node ? [{ node: node.id, values }] : []
  })
  if (errors.length) return { ok: false, errors: errors.slice(0, 10) }
  return {
    ok: true,
    json: {
      format: 'mesh-playground',
      version: 1,
      title: c.t ?? DEFAULTS.title,
      nodes: nodes.map((node, i) => ({
        id: node.id,
        kind: node.kindName,
        label: node.label ?? defaultLabel(node.id, node.kindName ?? ''),
        params: { ...PARAM_DEFAULTS[node.kindName ?? ''], ...node.params },
        priority: Array.isArray(node.priority) ? { random: [...node.priority] } : (node.priority ?? DEFAULTS.priority),
        position: { x: node.x * grid, y: node.y * grid },
        ...(code.has(i) ? { code: code.get(i) } : {}),
      })),
      edges,
      inputs,
      scheduler: c.s ?? DEFAULTS.scheduler,
      mode: c.m ?? DEFAULTS.mode,
      ...(c.p ? { policy: { name: c.p[0], source: c.p[1] } } : {}),
      seed: c.r ?? DEFAULTS.seed,
      limits: { maxActivations: c.l?.[0] ?? DEFAULTS.maxActivations, maxQueue: c.l?.[1] ?? DEFAULTS.maxQueue },
    },
  }
}
