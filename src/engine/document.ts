/**
 * The mesh document: one versioned JSON format for links, files, demos and
 * the CLI. Untrusted input is parsed by a schema (valibot) and then checked
 * as a whole (ids, edges, ports); nothing is ever cast. See docs/mesh-format.md.
 */
import * as v from 'valibot'
import { copyDocument } from './document-copy'
import { count } from './count'
import { excerpt } from './hidden-text'
import { checkStep, lessonTextLength, LessonSchema, MAX_LESSON_TEXT, MAX_LESSON_UPDATES, type Lesson } from './lesson'
import { issueMessage, issuePath } from './issues'
import { CODE_TEMPLATE, KINDS, NODE_KINDS, portsOf, type NodeKind } from './kinds'
import { MODES, SCHEDULERS, type SchedulerKind, type SchedulerMode } from './modes'
import { FiniteNumber, Id, Int, Text, ValueSchema } from './schema-parts'
import type { Value } from './value'

export const DOCUMENT_FORMAT = 'mesh-playground'
/** Version 2 added the group node (a mesh inside a node: see `GroupInside`); version 3 the lesson (see `Lesson`, lesson.ts). */
export const DOCUMENT_VERSION = 3

export { MODES, SCHEDULERS, type SchedulerKind, type SchedulerMode } from './modes'

export const MAX_NODES = 2000
export const MAX_EDGES = 6000
export const MAX_INPUTS = 10_000
export const DEFAULT_LIMITS = { maxActivations: 1_000_000, maxQueue: 10_000 } as const

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

/** The most picks a document's `hand` holds. */
export const MAX_PICKS = 10_000

/** How much a tasklet takes in its turn: one item, or all of its queue (a drain). */
export const TAKES = ['one', 'all'] as const
export type Take = (typeof TAKES)[number]

const HandSchema = v.object({
  picks: v.pipe(
    v.array(v.object({ run: Id, take: v.optional(v.picklist(TAKES, `is not ${TAKES.map((t) => `"${t}"`).join(' or ')}`), 'one') })),
    v.maxLength(MAX_PICKS, `has more than ${MAX_PICKS} picks`),
  ),
})

const CodeSchema = v.object({
  source: v.pipe(v.string(), v.maxLength(MAX_CODE, `is longer than ${MAX_CODE} characters`)),
  ports: v.pipe(v.array(PortName), v.maxLength(MAX_CODE_PORTS, `has more than ${MAX_CODE_PORTS} ports`)),
})

const EdgeSchema = v.object({
  id: v.optional(Id),
  source: Id,
  port: Id,
  target: Id,
})

const InputsSchema = v.optional(v.array(v.object({ node: Id, values: v.pipe(v.array(ValueSchema), v.maxLength(MAX_INPUTS, `has more than ${MAX_INPUTS} values`)) })), [])

/** How deep groups may nest: a group in a group in a group in a group. */
export const MAX_GROUP_DEPTH = 4
/** The schedulers a group's inside may have: the seed's two (a written policy or picks by hand stay the outer mesh's). */
export const GROUP_SCHEDULERS = ['taskmaster', 'priority'] as const
export type GroupScheduler = (typeof GROUP_SCHEDULERS)[number]
/** What one activation of a group runs of its inside: one step of its scheduler (`next`), or a whole call until it has no work (`flush`). */
export const GROUP_CALLS = ['next', 'flush'] as const
export type GroupCall = (typeof GROUP_CALLS)[number]

interface GroupInput {
  nodes: NodeInput[]
  edges: v.InferOutput<typeof EdgeSchema>[]
  inputs: { node: string; values: Value[] }[]
  scheduler: GroupScheduler
  mode: SchedulerMode
  call: GroupCall
  input?: string
  outputs: { port: string; node: string }[]
}

interface NodeInput {
  id: string
  kind: NodeKind
  label?: string
  params: Record<string, Value>
  priority: number | { random: [number, number] }
  position?: { x: number; y: number }
  code?: { source: string; ports: string[] }
  group?: GroupInput
}

const GroupSchema: v.GenericSchema<unknown, GroupInput> = v.object({
  nodes: v.pipe(v.array(v.lazy(() => NodeSchema)), v.maxLength(MAX_NODES, `has more than ${MAX_NODES} nodes`)),
  edges: v.optional(v.pipe(v.array(EdgeSchema), v.maxLength(MAX_EDGES, `has more than ${MAX_EDGES} edges`)), []),
  inputs: InputsSchema,
  scheduler: v.optional(v.picklist(GROUP_SCHEDULERS, `is not a group's scheduler (${GROUP_SCHEDULERS.join(', ')})`), 'taskmaster'),
  mode: v.optional(v.picklist(MODES, `is not a mode (${MODES.join(', ')})`), 'flush'),
  call: v.optional(v.picklist(GROUP_CALLS, `is not a group's call (${GROUP_CALLS.join(', ')})`), 'flush'),
  input: v.optional(Id),
  outputs: v.optional(v.pipe(v.array(v.object({ port: PortName, node: Id })), v.maxLength(MAX_CODE_PORTS, `has more than ${MAX_CODE_PORTS} outputs`)), []),
})

const NodeSchema: v.GenericSchema<unknown, NodeInput> = v.object({
  id: Id,
  kind: v.picklist(NODE_KINDS, `is not a node kind (${NODE_KINDS.join(', ')})`),
  label: v.optional(Text(80)),
  params: v.optional(v.record(v.pipe(v.string(), v.maxLength(64)), ValueSchema), {}),
  priority: v.optional(PrioritySchema, 0),
  position: v.optional(v.object({ x: FiniteNumber, y: FiniteNumber })),
  code: v.optional(CodeSchema),
  group: v.optional(GroupSchema),
})

const DocumentSchema = v.object({
  format: v.literal(DOCUMENT_FORMAT, `is not "${DOCUMENT_FORMAT}"`),
  version: v.literal(DOCUMENT_VERSION),
  title: v.optional(Text(200), ''),
  nodes: v.pipe(v.array(NodeSchema), v.maxLength(MAX_NODES, `has more than ${MAX_NODES} nodes`)),
  edges: v.optional(v.pipe(v.array(EdgeSchema), v.maxLength(MAX_EDGES, `has more than ${MAX_EDGES} edges`)), []),
  inputs: InputsSchema,
  scheduler: v.optional(v.picklist(SCHEDULERS, `is not a scheduler (${SCHEDULERS.join(', ')})`), 'taskmaster'),
  mode: v.optional(v.picklist(MODES, `is not a mode (${MODES.join(', ')})`), 'flush'),
  policy: v.optional(PolicySchema),
  hand: v.optional(HandSchema),
  seed: v.optional(Int(0, 0xffff_ffff), 1),
  limits: v.optional(
    v.object({
      maxActivations: v.optional(Int(1, 1_000_000_000), DEFAULT_LIMITS.maxActivations),
      maxQueue: v.optional(Int(1, 10_000_000), DEFAULT_LIMITS.maxQueue),
    }),
    { ...DEFAULT_LIMITS },
  ),
  lesson: v.optional(LessonSchema),
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
  /** A group node's inside (group nodes only). */
  group?: GroupInside
}

/**
 * A group node's inside: a mesh with its own scheduler and mode (the seed's
 * taskmaster turned into a tasklet). From outside the group is one tasklet:
 * what it takes goes to the inner node `input` (none: it is dropped), and
 * what an inner node named in `outputs` outputs goes out of the group's port
 * of that name. Each activation runs the inside by one step of its
 * scheduler (`call` "next") or one whole call of it ("flush").
 */
export interface GroupInside {
  nodes: MeshNode[]
  edges: MeshEdge[]
  /** Items queued inside when the run starts. */
  inputs: { node: string; values: Value[] }[]
  scheduler: GroupScheduler
  mode: SchedulerMode
  call: GroupCall
  /** The inner node the group's items go to. */
  input?: string
  /** The group's ports, in order: each carries what one inner node outputs. */
  outputs: { port: string; node: string }[]
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
  /**
   * The person's picks, when they are the scheduler (see docs/scheduling.md):
   * the run's decisions in order. Kept, like `policy`, when the scheduler is
   * another one. A document whose scheduler is `hand` and that has none has
   * made no pick yet.
   */
  hand?: HandPicks
  seed: number
  limits: { maxActivations: number; maxQueue: number }
  /**
   * The lesson that travels with the mesh (see lesson.ts and
   * docs/lessons.md). A document without one has no such key; the meshes a
   * lesson's `update` actions carry never have one.
   */
  lesson?: Lesson
}

/** A scheduling policy the person writes: `function (mesh) { … return { run: id, take: 'one' } }`. */
export interface WrittenPolicy {
  /** What the trace and messages call it ("longest queue first"). */
  name: string
  source: string
}

/** One decision of the person scheduling by hand: which tasklet runs, and whether it takes one item or drains its queue. */
export interface HandPick {
  run: string
  take: Take
}

/** The person's decisions, in the order the run takes them: decision k is `picks[k]`. */
export interface HandPicks {
  picks: HandPick[]
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
  const migrated = migrate(record)
  const deep = tooDeepGroup(migrated)
  if (deep !== null) return { ok: false, errors: [`${deep}: groups nest more than ${MAX_GROUP_DEPTH} deep`] }
  const parsed = v.safeParse(DocumentSchema, migrated, { message: issueMessage })
  if (!parsed.success) {
    return { ok: false, errors: parsed.issues.slice(0, 10).map((issue) => `${issuePath(issue)}: ${issue.message}`) }
  }
  return checkDocument(parsed.output)
}

/**
 * The path of the first group nested deeper than MAX_GROUP_DEPTH (the
 * shallowest), or null. Read before the schema, which recurses once per
 * level: a file nested thousands deep would overflow the stack there.
 */
function tooDeepGroup(record: Record<string, unknown>): string | null {
  const levels: { nodes: unknown; at: string; depth: number }[] = [{ nodes: record.nodes, at: '', depth: 0 }]
  for (let k = 0; k < levels.length; k++) {
    const { nodes, at, depth } = levels[k]!
    if (!Array.isArray(nodes)) continue
    // The schema refuses more nodes than this: no need to look further.
    const n = Math.min(nodes.length, MAX_NODES + 1)
    for (let i = 0; i < n; i++) {
      const node: unknown = nodes[i]
      if (typeof node !== 'object' || node === null) continue
      const group: unknown = (node as Record<string, unknown>).group
      if (typeof group !== 'object' || group === null) continue
      const path = `${at}nodes[${i}].group`
      if (depth + 1 > MAX_GROUP_DEPTH) return path
      levels.push({ nodes: (group as Record<string, unknown>).nodes, at: `${path}.`, depth: depth + 1 })
    }
  }
  return null
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

/**
 * The steps from each older version to the next: `MIGRATIONS[n]` brings a
 * version-n document to version n + 1, on the untrusted record before the
 * schema reads it (so it must not trust what it reads either).
 */
const MIGRATIONS: Record<number, (record: Record<string, unknown>) => Record<string, unknown>> = {
  // Version 2 added group nodes (`kind: "group"`, `group: {…}`), which no version-1 document has: nothing else changed.
  1: (record) => ({ ...record, version: 2 }),
  // Version 3 added the lesson (`lesson: { title?, steps }`), which no version-2 document has: nothing else changed.
  2: (record) => ({ ...record, version: 3 }),
}

/** Brings an older document up to the current version; each version adds one step here (`MIGRATIONS`). */
export function migrate(record: Record<string, unknown>): Record<string, unknown> {
  let current = record
  while (typeof current.version === 'number' && current.version < DOCUMENT_VERSION) {
    const step = Object.hasOwn(MIGRATIONS, current.version) ? MIGRATIONS[current.version] : undefined
    if (!step) break // the schema then says the version is not one this app reads
    current = step(current)
  }
  return current
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

/** What checking a mesh (the document's, or a group's inside) shares across its levels. */
interface CheckState {
  errors: string[]
  /** Nodes at every level so far, against MAX_NODES. */
  nodes: number
}

/** Checks one level of nodes, edges and inputs (`at` prefixes each message's field), and the groups' insides below it. */
function checkMesh(
  level: { nodes: NodeInput[]; edges: v.InferOutput<typeof EdgeSchema>[]; inputs: { node: string; values: Value[] }[] },
  at: string,
  state: CheckState,
): { nodes: MeshNode[]; edges: MeshEdge[]; inputs: { node: string; values: Value[] }[] } {
  const errors = state.errors
  const kinds = new Map<string, NodeKind>()
  state.nodes += level.nodes.length
  const nodes: MeshNode[] = level.nodes.map((node, i) => {
    if (kinds.has(node.id)) errors.push(`${at}nodes[${i}].id: ${q(node.id)} is used by another node`)
    kinds.set(node.id, node.kind)
    const def = KINDS[node.kind]
    const params: Record<string, Value> = {}
    for (const param of def.params) params[param.name] = node.params[param.name] ?? param.default
    for (const name of Object.keys(node.params)) {
      if (!def.params.some((p) => p.name === name)) errors.push(`${at}nodes[${i}].params.${excerpt(name)}: ${node.kind} has no parameter ${q(name)}`)
    }
    if (node.kind === 'code') {
      const ports = node.code?.ports ?? []
      const twice = ports.find((port, j) => ports.indexOf(port) !== j)
      if (twice) errors.push(`${at}nodes[${i}].code.ports: ${q(twice)} is declared twice`)
    } else if (node.code) errors.push(`${at}nodes[${i}].code: only a code node has code`)
    if (node.kind !== 'group' && node.group) errors.push(`${at}nodes[${i}].group: only a group node has an inside`)
    const priority = node.priority
    if (typeof priority === 'object' && priority.random[0] > priority.random[1]) {
      errors.push(`${at}nodes[${i}].priority.random: lo (${priority.random[0]}) is above hi (${priority.random[1]})`)
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
    if (node.kind === 'group') meshNode.group = checkGroup(node.group, `${at}nodes[${i}].group.`, state)
    return meshNode
  })
  const nodeById = new Map(nodes.map((n) => [n.id, n]))
  const edgeIds = new GeneratedEdgeIds()
  const edges: MeshEdge[] = level.edges.map((edge, i) => {
    const sourceKind = kinds.get(edge.source)
    const sourceNode = nodeById.get(edge.source)
    if (!sourceKind || !sourceNode) errors.push(`${at}edges[${i}].source: no node has the id ${q(edge.source)}`)
    else if (!portsOf(sourceNode).includes(edge.port)) {
      const ports = portsOf(sourceNode)
      errors.push(`${at}edges[${i}].port: ${sourceKind} has no port ${q(edge.port)}` + (ports.length ? ` (its ports: ${excerpt(ports.join(', '), 60)})` : ' (it has no ports)'))
    }
    if (!kinds.has(edge.target)) errors.push(`${at}edges[${i}].target: no node has the id ${q(edge.target)}`)
    const id = edge.id ?? edgeIds.free(`${edge.source}.${edge.port}-${edge.target}`)
    if (edge.id !== undefined && edgeIds.has(id)) errors.push(`${at}edges[${i}].id: ${q(id)} is used by another edge`)
    edgeIds.add(id)
    return { id, source: edge.source, port: edge.port, target: edge.target }
  })
  level.inputs.forEach((input, i) => {
    if (!kinds.has(input.node)) errors.push(`${at}inputs[${i}].node: no node has the id ${q(input.node)}`)
  })
  if (level.inputs.reduce((n, input) => n + input.values.length, 0) > MAX_INPUTS) {
    errors.push(`${at}inputs: more than ${MAX_INPUTS} values in all`)
  }
  return { nodes, edges, inputs: level.inputs.map((input) => ({ node: input.node, values: [...input.values] })) }
}

/** A group node's inside, checked as a mesh of its own (an empty one when the node has none yet). */
function checkGroup(group: GroupInput | undefined, at: string, state: CheckState): GroupInside {
  const errors = state.errors
  const inside = group ?? { nodes: [], edges: [], inputs: [], scheduler: 'taskmaster', mode: 'flush', call: 'flush', outputs: [] }
  // How deep groups nest was read before the schema (tooDeepGroup).
  const mesh = checkMesh(inside, at, state)
  const ids = new Set(mesh.nodes.map((n) => n.id))
  if (inside.input !== undefined && !ids.has(inside.input)) errors.push(`${at}input: no node inside has the id ${q(inside.input)}`)
  inside.outputs.forEach((output, i) => {
    if (!ids.has(output.node)) errors.push(`${at}outputs[${i}].node: no node inside has the id ${q(output.node)}`)
    if (inside.outputs.findIndex((o) => o.port === output.port) !== i) errors.push(`${at}outputs[${i}].port: ${q(output.port)} is the group's port twice`)
  })
  const result: GroupInside = { ...mesh, scheduler: inside.scheduler, mode: inside.mode, call: inside.call, outputs: inside.outputs.map((o) => ({ port: o.port, node: o.node })) }
  if (inside.input !== undefined) result.input = inside.input
  return result
}

function checkDocument(doc: Parsed): ParseResult {
  const state: CheckState = { errors: [], nodes: 0 }
  const errors = state.errors
  const { nodes, edges } = checkMesh(doc, '', state)
  if (state.nodes > MAX_NODES) errors.unshift(`nodes: more than ${MAX_NODES} nodes in all, counting those inside groups (${count(state.nodes)})`)
  if (doc.scheduler === 'policy' && !doc.policy) errors.push('policy: is missing; a document whose scheduler is "policy" carries its policy ({ "name", "source" })')
  if (errors.length) return { ok: false, errors: errors.slice(0, 10) }
  const { title, inputs, scheduler, mode, policy, hand, seed, limits } = doc
  const document: MeshDocument = { format: DOCUMENT_FORMAT, version: DOCUMENT_VERSION, title, nodes, edges, inputs, scheduler, mode, seed, limits }
  if (policy) document.policy = { name: policy.name, source: policy.source }
  // A pick names a tasklet by id, but is not checked against the nodes here: the run checks it when it comes to it, as a policy's decisions.
  if (hand) document.hand = { picks: hand.picks.map((pick) => ({ run: pick.run, take: pick.take })) }
  if (doc.lesson) {
    const lesson = checkLesson(doc.lesson, nodes.length, errors)
    if (errors.length) return { ok: false, errors: errors.slice(0, 10) }
    document.lesson = lesson
  }
  return { ok: true, document: copyDocument(document) }
}

/**
 * The lesson's steps, each `update` action's mesh read as a document of its
 * own (parseDocument; it may not carry a lesson), and the bounds over the
 * whole lesson: its text, its updates, and the nodes they carry with the
 * document's (`nodes`) against MAX_NODES.
 */
function checkLesson(lesson: v.InferOutput<typeof LessonSchema>, nodes: number, errors: string[]): Lesson {
  const text = lessonTextLength(lesson)
  if (text > MAX_LESSON_TEXT) errors.push(`lesson: has more than ${count(MAX_LESSON_TEXT)} characters of text in all (${count(text)})`)
  const updates = lesson.steps.reduce((n, step) => n + (step.actions ?? []).filter((a) => a.type === 'update').length, 0)
  if (updates > MAX_LESSON_UPDATES) errors.push(`lesson: has more than ${MAX_LESSON_UPDATES} "update" actions (${updates})`)
  if (errors.length) return { steps: [] }
  let total = nodes
  const readDocument = (input: Record<string, unknown>, at: string): MeshDocument | null => {
    if (Object.hasOwn(input, 'lesson')) {
      errors.push(`${at}.lesson: the mesh an update action carries has no lesson of its own`)
      return null
    }
    const parsed = parseDocument(input)
    if (!parsed.ok) {
      errors.push(...parsed.errors.slice(0, 3).map((e) => `${at}.${e}`))
      return null
    }
    total += everyNode(parsed.document.nodes).length
    if (total > MAX_NODES) {
      errors.push(`${at}: the lesson's meshes have more than ${MAX_NODES} nodes in all, with the document's`)
      return null
    }
    return parsed.document
  }
  const steps = lesson.steps.map((step, i) => checkStep(step, `lesson.steps[${i}].`, readDocument))
  return lesson.title !== undefined ? { title: lesson.title, steps } : { steps }
}

/** Every node of a mesh at every level: its own in order, each group's inside right after the group (for what must see all code, such as consent). */
export function everyNode(nodes: readonly MeshNode[]): MeshNode[] {
  return nodes.flatMap((node) => (node.group ? [node, ...everyNode(node.group.nodes)] : [node]))
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
