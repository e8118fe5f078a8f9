/**
 * The mesh document: one versioned JSON format for links, files, demos and
 * the CLI. Untrusted input is parsed by a schema (valibot) and then checked
 * as a whole (ids, edges, ports); nothing is ever cast. See docs/mesh-format.md.
 */
import * as v from 'valibot'
import { copyDocument } from './document-copy'
import { excerpt } from './hidden-text'
import { issueMessage, issuePath } from './issues'
import { CODE_TEMPLATE, KINDS, NODE_KINDS, portsOf, type NodeKind } from './kinds'
import type { Value } from './value'

export const DOCUMENT_FORMAT = 'mesh-playground'
export const DOCUMENT_VERSION = 1

/** The seed's two schedulers, and a policy the person writes (`policy` in the document). */
export const SCHEDULERS = ['taskmaster', 'priority', 'policy'] as const
export type SchedulerKind = (typeof SCHEDULERS)[number]
/** `next` is the taskmaster's `task.next()` and the priority scheduler's `flush(incremental=True)`. */
export const MODES = ['flush', 'next'] as const
export type SchedulerMode = (typeof MODES)[number]

export const MAX_NODES = 2000
export const MAX_EDGES = 6000
export const MAX_INPUTS = 10_000
const MAX_TEXT = 500

export const DEFAULT_LIMITS = { maxActivations: 1_000_000, maxQueue: 10_000 } as const

const Text = (max = MAX_TEXT) => v.pipe(v.string(), v.maxLength(max, `is longer than ${max} characters`))
const Id = v.pipe(v.string(), v.minLength(1, 'is empty'), v.maxLength(64, 'is longer than 64 characters'))
const FiniteNumber = v.pipe(v.number(), v.finite('is not a finite number'))
const Int = (min: number, max: number) => v.pipe(v.number(), v.integer('is not a whole number'), v.minValue(min, `is below ${min}`), v.maxValue(max, `is above ${max}`))

const ValueSchema = v.union([Text(), FiniteNumber, v.boolean(), v.null()], 'is not a string, number, boolean or null')

const PrioritySchema = v.union(
  [Int(-1_000_000, 1_000_000), v.object({ random: v.tuple([Int(-1_000_000, 1_000_000), Int(-1_000_000, 1_000_000)]) })],
  'is not a whole number or { "random": [lo, hi] }',
)

export const MAX_CODE = 20_000
export const MAX_CODE_PORTS = 8
const PortName = v.pipe(v.string(), v.regex(/^[A-Za-z_$][\w$]{0,31}$/, 'is not a port name (letters, digits, _ and $; at most 32)'))

/** A written policy's name: at most this many characters. */
export const MAX_POLICY_NAME = 80

const PolicySchema = v.object({
  name: Text(MAX_POLICY_NAME),
  source: v.pipe(v.string(), v.maxLength(MAX_CODE, `is longer than ${MAX_CODE} characters`)),
})

const CodeSchema = v.object({
  source: v.pipe(v.string(), v.maxLength(MAX_CODE, `is longer than ${MAX_CODE} characters`)),
  ports: v.pipe(v.array(PortName), v.maxLength(MAX_CODE_PORTS, `has more than ${MAX_CODE_PORTS} ports`)),
})

const NodeSchema = v.object({
  id: Id,
  kind: v.picklist(NODE_KINDS, `is not a node kind (${NODE_KINDS.join(', ')})`),
  label: v.optional(Text(80)),
  params: v.optional(v.record(v.pipe(v.string(), v.maxLength(64)), ValueSchema), {}),
  priority: v.optional(PrioritySchema, 0),
  position: v.optional(v.object({ x: FiniteNumber, y: FiniteNumber })),
  code: v.optional(CodeSchema),
})

const EdgeSchema = v.object({
  id: v.optional(Id),
  source: Id,
  port: Id,
  target: Id,
})

const DocumentSchema = v.object({
  format: v.literal(DOCUMENT_FORMAT, `is not "${DOCUMENT_FORMAT}"`),
  version: v.literal(DOCUMENT_VERSION),
  title: v.optional(Text(200), ''),
  nodes: v.pipe(v.array(NodeSchema), v.maxLength(MAX_NODES, `has more than ${MAX_NODES} nodes`)),
  edges: v.optional(v.pipe(v.array(EdgeSchema), v.maxLength(MAX_EDGES, `has more than ${MAX_EDGES} edges`)), []),
  inputs: v.optional(v.array(v.object({ node: Id, values: v.pipe(v.array(ValueSchema), v.maxLength(MAX_INPUTS, `has more than ${MAX_INPUTS} values`)) })), []),
  scheduler: v.optional(v.picklist(SCHEDULERS, `is not a scheduler (${SCHEDULERS.join(', ')})`), 'taskmaster'),
  mode: v.optional(v.picklist(MODES, `is not a mode (${MODES.join(', ')})`), 'flush'),
  policy: v.optional(PolicySchema),
  seed: v.optional(Int(0, 0xffff_ffff), 1),
  limits: v.optional(
    v.object({
      maxActivations: v.optional(Int(1, 1_000_000_000), DEFAULT_LIMITS.maxActivations),
      maxQueue: v.optional(Int(1, 10_000_000), DEFAULT_LIMITS.maxQueue),
    }),
    { ...DEFAULT_LIMITS },
  ),
})

/** A constant priority, or a random one in [lo, hi] drawn at each put (the seed's `random_priority`). */
export type Priority = number | { random: [number, number] }

export interface MeshNode {
  id: string
  kind: NodeKind
  /** The tasklet's name, as the seed's scheduler prints it. */
  label: string
  params: Record<string, Value>
  priority: Priority
  position: { x: number; y: number }
  /** A code node's coroutine source and the ports it declares (code nodes only). */
  code?: { source: string; ports: string[] }
}

export interface MeshEdge {
  id: string
  source: string
  /** The source node's output port. */
  port: string
  target: string
}

export interface MeshDocument {
  format: typeof DOCUMENT_FORMAT
  version: typeof DOCUMENT_VERSION
  title: string
  /** In the taskmaster's order. */
  nodes: MeshNode[]
  /** In the order a port sends to its targets. */
  edges: MeshEdge[]
  /** Items queued at tick 0, per node, in order. */
  inputs: { node: string; values: Value[] }[]
  scheduler: SchedulerKind
  /** The taskmaster's and priority scheduler's mode (a written policy says itself how much a tasklet takes). */
  mode: SchedulerMode
  /**
   * The written policy (see docs/scheduling.md): required when `scheduler`
   * is `policy`, and kept when it is not, so that switching back finds it.
   */
  policy?: WrittenPolicy
  seed: number
  limits: { maxActivations: number; maxQueue: number }
}

/** A scheduling policy the person writes: `function (mesh) { … return { run: id, take: 'one' } }`. */
export interface WrittenPolicy {
  /** What the trace and messages call it ("longest queue first"). */
  name: string
  source: string
}

export type ParseResult = { ok: true; document: MeshDocument } | { ok: false; errors: string[] }

/** Echoed text (ids, names) in a message, cut short and with hidden characters shown. */
const q = (text: string) => `"${excerpt(text)}"`

/** Reads a document from untrusted JSON data: every error names the field at fault. */
export function parseDocument(input: unknown): ParseResult {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, errors: ['document: is not a JSON object'] }
  }
  const record = input as Record<string, unknown>
  if (record.format !== DOCUMENT_FORMAT) {
    return { ok: false, errors: [`format: is not "${DOCUMENT_FORMAT}" — this is not a mesh document`] }
  }
  if (typeof record.version === 'number' && record.version > DOCUMENT_VERSION) {
    return {
      ok: false,
      errors: [`version: ${excerpt(String(record.version), 16)} is newer than this app understands (${DOCUMENT_VERSION}); update Mesh Playground`],
    }
  }
  if (record.version === undefined) {
    return { ok: false, errors: [`version: is missing; every mesh document has one (${DOCUMENT_VERSION} today)`] }
  }
  const parsed = v.safeParse(DocumentSchema, migrate(record), { message: issueMessage })
  if (!parsed.success) {
    return { ok: false, errors: parsed.issues.slice(0, 10).map((issue) => `${issuePath(issue)}: ${issue.message}`) }
  }
  return checkDocument(parsed.output)
}

/** Parses JSON text into a document, with the same messages. */
export function parseDocumentText(text: string): ParseResult {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (e) {
    return { ok: false, errors: [`not valid JSON: ${jsonProblem(text, e)}`] }
  }
  return parseDocument(data)
}

/** Where JSON.parse stopped, without the engine's own echo of the text: "at line 3, column 14, near "x…"". */
function jsonProblem(text: string, e: unknown): string {
  const message = e instanceof Error ? e.message : String(e)
  const at = /position (\d+)/.exec(message)
  if (/Unexpected end/.test(message) || (at && Number(at[1]) >= text.length)) return 'it ends too early (was it cut off?)'
  // V8 quotes the text around an unexpected token ('Unexpected token 'x', "xxxx…" is not valid JSON'): keep the token only.
  const token = /^Unexpected token '(.*?)', /su.exec(message)
  if (token) return `it has an unexpected "${excerpt(token[1]!, 8)}"`
  if (!at) return `it cannot be read (${excerpt(message, 60)})`
  const pos = Number(at[1])
  const before = text.slice(0, pos)
  const line = before.split('\n').length
  const column = pos - before.lastIndexOf('\n')
  return `something unexpected at line ${line}, column ${column}, near "${excerpt(text.slice(pos), 16)}"`
}

/** Brings an older document up to the current version; each version adds one step here. */
function migrate(record: Record<string, unknown>): Record<string, unknown> {
  return record
}

type Parsed = v.InferOutput<typeof DocumentSchema>

/**
 * Edge ids as a document without them gets them: `a.out-b`, then
 * `a.out-b#2`, `a.out-b#3`… for the next edge alike, the first one free.
 * Each name remembers how far along it got (ids are only ever added, so
 * the ones before stay taken): 6,000 identical edges take linear time.
 */
class GeneratedEdgeIds {
  private readonly taken = new Set<string>()
  private readonly reached = new Map<string, number>()

  has(id: string): boolean {
    return this.taken.has(id)
  }

  add(id: string): void {
    this.taken.add(id)
  }

  /** The first free id of `base`, `base#2`, `base#3`… (a duplicate given id is an error, so it needs none). */
  free(base: string): string {
    let n = this.reached.get(base) ?? 1
    let id = n === 1 ? base : `${base}#${n}`
    while (this.taken.has(id)) id = `${base}#${++n}`
    this.reached.set(base, n)
    return id
  }
}

function checkDocument(doc: Parsed): ParseResult {
  const errors: string[] = []
  const kinds = new Map<string, NodeKind>()
  const nodes: MeshNode[] = doc.nodes.map((node, i) => {
    if (kinds.has(node.id)) errors.push(`nodes[${i}].id: ${q(node.id)} is used by another node`)
    kinds.set(node.id, node.kind)
    const def = KINDS[node.kind]
    const params: Record<string, Value> = {}
    for (const param of def.params) params[param.name] = node.params[param.name] ?? param.default
    for (const name of Object.keys(node.params)) {
      if (!def.params.some((p) => p.name === name)) errors.push(`nodes[${i}].params.${excerpt(name)}: ${node.kind} has no parameter ${q(name)}`)
    }
    if (node.kind === 'code') {
      const ports = node.code?.ports ?? []
      const twice = ports.find((port, j) => ports.indexOf(port) !== j)
      if (twice) errors.push(`nodes[${i}].code.ports: ${q(twice)} is declared twice`)
    } else if (node.code) errors.push(`nodes[${i}].code: only a code node has code`)
    const priority = node.priority
    if (typeof priority === 'object' && priority.random[0] > priority.random[1]) {
      errors.push(`nodes[${i}].priority.random: lo (${priority.random[0]}) is above hi (${priority.random[1]})`)
    }
    const meshNode: MeshNode = {
      id: node.id,
      kind: node.kind,
      label: node.label ?? node.kind,
      params,
      priority: typeof priority === 'number' ? priority : { random: [priority.random[0], priority.random[1]] },
      position: node.position ?? { x: 240 * (i % 4), y: 160 * Math.floor(i / 4) },
    }
    if (node.kind === 'code') {
      meshNode.code = node.code ? { source: node.code.source, ports: [...node.code.ports] } : { source: CODE_TEMPLATE, ports: ['out'] }
    }
    return meshNode
  })
  const nodeById = new Map(nodes.map((n) => [n.id, n]))
  const edgeIds = new GeneratedEdgeIds()
  const edges: MeshEdge[] = doc.edges.map((edge, i) => {
    const sourceKind = kinds.get(edge.source)
    const sourceNode = nodeById.get(edge.source)
    if (!sourceKind || !sourceNode) errors.push(`edges[${i}].source: no node has the id ${q(edge.source)}`)
    else if (!portsOf(sourceNode).includes(edge.port)) {
      const ports = portsOf(sourceNode)
      errors.push(`edges[${i}].port: ${sourceKind} has no port ${q(edge.port)}` + (ports.length ? ` (its ports: ${excerpt(ports.join(', '), 60)})` : ' (it has no ports)'))
    }
    if (!kinds.has(edge.target)) errors.push(`edges[${i}].target: no node has the id ${q(edge.target)}`)
    const id = edge.id ?? edgeIds.free(`${edge.source}.${edge.port}-${edge.target}`)
    if (edge.id !== undefined && edgeIds.has(id)) errors.push(`edges[${i}].id: ${q(id)} is used by another edge`)
    edgeIds.add(id)
    return { id, source: edge.source, port: edge.port, target: edge.target }
  })
  doc.inputs.forEach((input, i) => {
    if (!kinds.has(input.node)) errors.push(`inputs[${i}].node: no node has the id ${q(input.node)}`)
  })
  if (doc.inputs.reduce((n, input) => n + input.values.length, 0) > MAX_INPUTS) {
    errors.push(`inputs: more than ${MAX_INPUTS} values in all`)
  }
  if (doc.scheduler === 'policy' && !doc.policy) errors.push('policy: is missing; a document whose scheduler is "policy" carries its policy ({ "name", "source" })')
  if (errors.length) return { ok: false, errors: errors.slice(0, 10) }
  const { title, inputs, scheduler, mode, policy, seed, limits } = doc
  const document: MeshDocument = { format: DOCUMENT_FORMAT, version: DOCUMENT_VERSION, title, nodes, edges, inputs, scheduler, mode, seed, limits }
  if (policy) document.policy = { name: policy.name, source: policy.source }
  return { ok: true, document: copyDocument(document) }
}

/** An empty document with the defaults. */
export function emptyDocument(): MeshDocument {
  return {
    format: DOCUMENT_FORMAT,
    version: DOCUMENT_VERSION,
    title: '',
    nodes: [],
    edges: [],
    inputs: [],
    scheduler: 'taskmaster',
    mode: 'flush',
    seed: 1,
    limits: { ...DEFAULT_LIMITS },
  }
}
