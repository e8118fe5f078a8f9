/**
 * The one copy of a mesh document, field by field: what validation returns,
 * what a file saves. Every field of the format is named here once, so a
 * field added to the format is copied everywhere or nowhere (a file that
 * left out a code node's code could not be opened again).
 */
import type { GroupInside, MeshDocument, MeshEdge, MeshNode } from './document'
import { copyLesson } from './lesson'

/** A node's copy, its fields in the order of docs/mesh-format.md and its parameters by name. */
export function copyNode(n: MeshNode): MeshNode {
  // Parameter names are the kind's own (validation refuses any other), so a plain object is safe here.
  const params: MeshNode['params'] = {}
  for (const name of Object.keys(n.params).sort()) params[name] = n.params[name]!
  const copy: MeshNode = {
    id: n.id,
    kind: n.kind,
    label: n.label,
    params,
    priority: typeof n.priority === 'number' ? n.priority : { random: [n.priority.random[0], n.priority.random[1]] },
    position: { x: n.position.x, y: n.position.y },
  }
  if (n.code) copy.code = { source: n.code.source, ports: [...n.code.ports] }
  if (n.group) copy.group = copyGroup(n.group)
  return copy
}

/** A group's inside, copied as deep as it nests. */
function copyGroup(g: GroupInside): GroupInside {
  const copy: GroupInside = {
    nodes: g.nodes.map(copyNode),
    edges: g.edges.map(copyEdge),
    inputs: g.inputs.map((input) => ({ node: input.node, values: [...input.values] })),
    scheduler: g.scheduler,
    mode: g.mode,
    call: g.call,
    outputs: g.outputs.map((o) => ({ port: o.port, node: o.node })),
  }
  if (g.input !== undefined) copy.input = g.input
  return copy
}

export const copyEdge = (e: MeshEdge): MeshEdge => ({ id: e.id, source: e.source, port: e.port, target: e.target })

/** A deep copy of the document that shares nothing with it, keys in the order of docs/mesh-format.md. */
export function copyDocument(doc: MeshDocument): MeshDocument {
  return {
    format: doc.format,
    version: doc.version,
    title: doc.title,
    nodes: doc.nodes.map(copyNode),
    edges: doc.edges.map(copyEdge),
    inputs: doc.inputs.map((input) => ({ node: input.node, values: [...input.values] })),
    scheduler: doc.scheduler,
    mode: doc.mode,
    // Only a document that has a policy has the key: one without reads (and saves) as it always did.
    ...(doc.policy ? { policy: { name: doc.policy.name, source: doc.policy.source } } : {}),
    ...(doc.hand ? { hand: { picks: doc.hand.picks.map((pick) => ({ run: pick.run, take: pick.take })) } } : {}),
    seed: doc.seed,
    limits: { maxActivations: doc.limits.maxActivations, maxQueue: doc.limits.maxQueue },
    // Like the policy: only a document with a lesson has the key.
    ...(doc.lesson ? { lesson: copyLesson(doc.lesson, copyDocument) } : {}),
  }
}
