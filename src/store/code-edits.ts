/**
 * Edits of a code node as pure functions, beside document-edits.ts: its
 * source, and the ports it declares. Renaming a port carries its wires
 * along; removing one removes them. The written policy's name and source
 * are edited here too. Each returns the same document when nothing
 * changes, and refuses (returns it unchanged) what the document format
 * would reject.
 */
import { CODE_TEMPLATE, MAX_CODE, MAX_CODE_PORTS, MAX_POLICY_NAME, type MeshDocument, type MeshNode, type SchedulerKind, type SchedulerMode, type WrittenPolicy } from '../engine'
import { DEFAULT_POLICY } from '../sandbox/policy-templates'
import { freshName } from './document-edits'

/** A port name the document accepts: letters, digits, _ and $, at most 32, not starting with a digit. */
export const PORT_NAME = /^[A-Za-z_$][\w$]{0,31}$/

/** What a new code node starts with. */
export function newCode(): NonNullable<MeshNode['code']> {
  return { source: CODE_TEMPLATE, ports: ['out'] }
}

function codeOf(node: MeshNode): NonNullable<MeshNode['code']> {
  return node.code ?? newCode()
}

function updateCode(doc: MeshDocument, id: string, change: (code: NonNullable<MeshNode['code']>) => MeshNode['code']): MeshDocument {
  const index = doc.nodes.findIndex((n) => n.id === id && n.kind === 'code')
  if (index < 0) return doc
  const node = doc.nodes[index]!
  const code = codeOf(node)
  const next = change(code)
  if (!next || next === code) return doc
  const nodes = [...doc.nodes]
  nodes[index] = { ...node, code: next }
  return { ...doc, nodes }
}

/** Why a port name cannot be used on a node, or null when it can. */
export function portNameProblem(ports: readonly string[], name: string, renaming?: string): string | null {
  if (!PORT_NAME.test(name)) return 'a port name is letters, digits, _ or $ (at most 32), not starting with a digit'
  if (name !== renaming && ports.includes(name)) return `there is already a port "${name}"`
  return null
}

/** Replaces a code node's source (at most MAX_CODE characters). */
export function setCodeSource(doc: MeshDocument, id: string, source: string): MeshDocument {
  if (source.length > MAX_CODE) return doc
  return updateCode(doc, id, (code) => (code.source === source ? code : { ...code, source }))
}

/** Declares a new port, `out`, `out2`… or the name given; returns the name it got (null when refused). */
export function addPort(doc: MeshDocument, id: string, name?: string): { document: MeshDocument; port: string | null } {
  let port: string | null = null
  const document = updateCode(doc, id, (code) => {
    if (code.ports.length >= MAX_CODE_PORTS) return code
    const wanted = name ?? freshName(new Set(code.ports), 'out', '')
    if (portNameProblem(code.ports, wanted)) return code
    port = wanted
    return { ...code, ports: [...code.ports, wanted] }
  })
  return { document, port }
}

/** The source with `ports.from` and `targets('from')` written for the new name. */
export function renamePortInSource(source: string, from: string, to: string): string {
  const name = from.replace(/\$/g, '\\$')
  return source
    .replace(new RegExp(`(\\bports\\s*\\.\\s*)${name}(?![\\w$])`, 'g'), (_m, before: string) => before + to)
    .replace(new RegExp(`(\\b(?:ports\\s*\\[|targets\\s*\\()\\s*)(['"\`])${name}\\2`, 'g'), (_m, before: string, quote: string) => before + quote + to + quote)
}

/** Renames a port, in the code too (`ports.from`); its wires follow it and keep their place in the sending order. */
export function renamePort(doc: MeshDocument, id: string, from: string, to: string): MeshDocument {
  const renamed = updateCode(doc, id, (code) => {
    if (from === to || !code.ports.includes(from) || portNameProblem(code.ports, to, from)) return code
    const source = renamePortInSource(code.source, from, to)
    return { source: source.length > MAX_CODE ? code.source : source, ports: code.ports.map((p) => (p === from ? to : p)) }
  })
  if (renamed === doc) return doc
  const taken = new Set(doc.edges.map((e) => e.id))
  const edges = doc.edges.map((edge) => {
    if (edge.source !== id || edge.port !== from) return edge
    const edgeId = freshName(taken, `${edge.source}.${to}-${edge.target}`, '#')
    taken.add(edgeId)
    return { ...edge, id: edgeId, port: to }
  })
  return { ...renamed, edges }
}

/** Removes a port with every wire from it. */
export function removePort(doc: MeshDocument, id: string, port: string): MeshDocument {
  const removed = updateCode(doc, id, (code) => (code.ports.includes(port) ? { ...code, ports: code.ports.filter((p) => p !== port) } : code))
  if (removed === doc) return doc
  return { ...removed, edges: doc.edges.filter((e) => e.source !== id || e.port !== port) }
}

/**
 * Replaces source and ports at once (a starter template): ports the new code
 * also declares keep their wires, the others lose them.
 */
export function replaceCode(doc: MeshDocument, id: string, next: { source: string; ports: readonly string[] }): MeshDocument {
  const ports = [...new Set(next.ports)].filter((p) => PORT_NAME.test(p)).slice(0, MAX_CODE_PORTS)
  if (next.source.length > MAX_CODE) return doc
  const replaced = updateCode(doc, id, (code) =>
    code.source === next.source && code.ports.length === ports.length && code.ports.every((p, i) => p === ports[i]) ? code : { source: next.source, ports },
  )
  if (replaced === doc) return doc
  const edges = doc.edges.filter((e) => e.source !== id || ports.includes(e.port))
  return edges.length === doc.edges.length ? replaced : { ...replaced, edges }
}

/** What a mesh's written policy starts as: the first template. */
export function newPolicy(): WrittenPolicy {
  return { name: DEFAULT_POLICY.title, source: DEFAULT_POLICY.source }
}

/**
 * Changes the written policy's name or source (or both, a template); a
 * document without a policy gets one first. A source over MAX_CODE is
 * refused; a name is cut to MAX_POLICY_NAME.
 */
export function setPolicy(doc: MeshDocument, change: Partial<WrittenPolicy>): MeshDocument {
  const current = doc.policy ?? newPolicy()
  const next = { name: (change.name ?? current.name).slice(0, MAX_POLICY_NAME), source: change.source ?? current.source }
  if (next.source.length > MAX_CODE) return doc
  if (doc.policy && doc.policy.name === next.name && doc.policy.source === next.source) return doc
  return { ...doc, policy: next }
}

/** Chooses the scheduler and mode; choosing a written policy gives a document without one the first template. */
export function setScheduler(doc: MeshDocument, kind: SchedulerKind, mode: SchedulerMode): MeshDocument {
  if (doc.scheduler === kind && doc.mode === mode) return doc
  const chosen = { ...doc, scheduler: kind, mode }
  return kind === 'policy' && !doc.policy ? { ...chosen, policy: newPolicy() } : chosen
}
